// Detect: faceDetect on a photo, every face boxed and labelled with whom it matched.
import { post } from './api.js';
import { definitionList, el, fixed, percent, shortId } from './format.js';
import { namesOf } from './persons-api.js';
import { mountPicker, showImage, toBase64 } from './picker.js';
import { describe } from './problems.js';

const $ = id => document.getElementById(id);

let faces = [];

export function initDetect() {
  mountPicker($('detect-picker'), 'detect-photo', 'Photo to detect', detect);
  $('detect-open-person').addEventListener('click', event => {
    document.dispatchEvent(new CustomEvent('open-person', { detail: event.currentTarget.dataset.personId }));
  });
}

async function detect(file) {
  const message = $('detect-message');
  $('detect-stage').hidden = false;
  $('detect-boxes').replaceChildren();
  $('detect-list').replaceChildren();
  $('detect-details').hidden = true;
  message.textContent = 'Detecting…';
  const image = $('detect-image');
  await showImage(image, file);
  try {
    const response = await post('/api/v1/faces/faceDetect', { image: await toBase64(file) });
    const names = await namesOf(response.detections.map(d => d.personId).filter(Boolean));
    faces = response.detections.map((d, index) => ({ ...d, index, label: labelOf(d, names) }));
    render(image);
    const known = faces.filter(f => f.personId).length;
    message.textContent = faces.length === 0
      ? 'No face found.'
      : `${faces.length} face${faces.length === 1 ? '' : 's'} found, ${known} identified.`;
  } catch (error) {
    message.textContent = describe(error);
  }
}

function labelOf(detection, names) {
  if (!detection.personId) {
    return 'unknown';
  }
  const name = names.get(detection.personId);
  return name || `person ${shortId(detection.personId)}`;
}

function render(image) {
  const width = image.naturalWidth || 1;
  const height = image.naturalHeight || 1;
  const boxes = faces.map(face => {
    const box = face.boundingBox;
    const button = el('button', {
      type: 'button',
      className: `face-box ${face.personId ? 'known' : 'unknown'}`,
      'aria-pressed': 'false',
      'aria-label': `Face ${face.index + 1}: ${face.label}, detection ${percent(face.confidence)}, match ${percent(face.matchConfidence)}, quality ${fixed(face.quality)}`,
      dataset: { index: face.index },
    },
    el('span', { className: 'face-label' },
      el('span', { className: 'face-name' }, face.label),
      el('span', { className: 'face-scores' }, scores(face))));
    button.style.left = `${(100 * box.x) / width}%`;
    button.style.top = `${(100 * box.y) / height}%`;
    button.style.width = `${(100 * box.width) / width}%`;
    button.style.height = `${(100 * box.height) / height}%`;
    button.addEventListener('click', () => select(face.index));
    return button;
  });
  $('detect-boxes').replaceChildren(...boxes);
  $('detect-list').replaceChildren(...faces.map(face => el('li', {},
    el('button', { type: 'button', className: 'face-item', dataset: { index: face.index }, 'aria-pressed': 'false' },
      el('strong', {}, face.label), ` — ${scores(face)}`))));
  $('detect-list').querySelectorAll('button').forEach(b => b.addEventListener('click', () => select(Number(b.dataset.index))));
}

const scores = face =>
  `det ${percent(face.confidence)} · match ${face.matchConfidence == null ? '–' : percent(face.matchConfidence)} · q ${fixed(face.quality)}`;

function select(index) {
  const face = faces[index];
  document.querySelectorAll('#detect-boxes .face-box, #detect-list .face-item').forEach(b => {
    b.setAttribute('aria-pressed', String(Number(b.dataset.index) === index));
  });
  const box = face.boundingBox;
  definitionList($('detect-details-list'), [
    ['Person', face.label],
    ['Person id', face.personId ?? 'none (no enrolled face matched)'],
    ['Detection confidence', percent(face.confidence)],
    ['Match confidence', face.matchConfidence == null ? '–' : percent(face.matchConfidence)],
    ['Matched face id', face.matchedFaceId ?? '–'],
    ['Quality', fixed(face.quality)],
    ['Bounding box', `x ${box.x}, y ${box.y}, ${box.width} × ${box.height} px`],
    ['Face id (this detection)', face.faceId],
  ]);
  const open = $('detect-open-person');
  open.hidden = !face.personId;
  open.dataset.personId = face.personId ?? '';
  $('detect-details').hidden = false;
}
