export const percent = value => (value == null ? '–' : `${(value * 100).toFixed(1)}%`);

export const fixed = (value, digits = 2) => (value == null ? '–' : Number(value).toFixed(digits));

export const shortId = id => (id ? `${id.slice(0, 8)}…` : '');

export function dateTime(value) {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export const tagList = text => text.split(',').map(t => t.trim()).filter(Boolean);

/** Creates an element with properties and children (text or nodes). */
export function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'className') {
      element.className = value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key.startsWith('aria-') || key === 'role' || key === 'scope') {
      element.setAttribute(key, value);
    } else {
      element[key] = value;
    }
  }
  element.append(...children.filter(c => c != null));
  return element;
}

export function definitionList(list, rows) {
  list.replaceChildren(...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}
