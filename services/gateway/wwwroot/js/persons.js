// Persons: the registry's persons a page at a time, search by name or tag, one person's faces, rename,
// tag, delete a face, delete the person.
import { hasPermission } from './api.js';
import { confirmDialog } from './dialog.js';
import { dateTime, el, fixed, tagList } from './format.js';
import { PersonManagement, deleteFace, deletePerson, getPerson, listFaces, listPersons, updatePerson } from './persons-api.js';
import { describe } from './problems.js';

const $ = id => document.getElementById(id);

// The API lists persons in creation order without a filter: a search reads pages of 500 up to this many.
const SearchPageLimit = 20;

const paging = { tokens: [''], index: 0, next: '' };
let current = null;

export function initPersons() {
  $('persons-search').addEventListener('submit', event => {
    event.preventDefault();
    const query = $('persons-query').value.trim();
    if (query) {
      search(query);
    } else {
      firstPage();
    }
  });
  $('persons-clear').addEventListener('click', () => {
    $('persons-query').value = '';
    firstPage();
  });
  $('persons-page-size').addEventListener('change', firstPage);
  $('persons-next').addEventListener('click', () => {
    paging.tokens[paging.index + 1] = paging.next;
    paging.index += 1;
    loadPage();
  });
  $('persons-prev').addEventListener('click', () => {
    paging.index = Math.max(0, paging.index - 1);
    loadPage();
  });
  $('person-rename').addEventListener('submit', event => {
    event.preventDefault();
    save({ name: $('person-name').value.trim() }, 'Renamed');
  });
  $('person-tag').addEventListener('submit', event => {
    event.preventDefault();
    save({ tags: { values: tagList($('person-tags').value) } }, 'Tags saved');
  });
  $('person-delete').addEventListener('click', removePerson);
}

/** Called when the view is shown. */
export function showPersons() {
  if (hasPermission(PersonManagement)) {
    loadPage();
  }
}

function firstPage() {
  paging.tokens = [''];
  paging.index = 0;
  loadPage();
}

async function loadPage() {
  const message = $('persons-message');
  message.textContent = 'Loading…';
  try {
    const page = await listPersons(Number($('persons-page-size').value), paging.tokens[paging.index]);
    paging.next = page.nextPageToken ?? '';
    renderRows(page.persons ?? []);
    message.textContent = '';
    $('persons-page-info').textContent = `Page ${paging.index + 1}`;
    $('persons-prev').disabled = paging.index === 0;
    $('persons-next').disabled = !paging.next;
  } catch (error) {
    message.textContent = describe(error);
  }
}

async function search(query) {
  const message = $('persons-message');
  message.textContent = 'Searching…';
  const needle = query.toLowerCase();
  const matches = [];
  let token = '';
  let read = 0;
  try {
    for (let pages = 0; pages < SearchPageLimit; pages++) {
      const page = await listPersons(500, token);
      const persons = page.persons ?? [];
      read += persons.length;
      matches.push(...persons.filter(p =>
        (p.name ?? '').toLowerCase().includes(needle) || (p.tags ?? []).some(t => t.toLowerCase().includes(needle))));
      token = page.nextPageToken ?? '';
      if (!token) {
        break;
      }
    }
    renderRows(matches);
    message.textContent = `${matches.length} of ${read} persons match “${query}”${token ? ' (search stopped after the first ' + read + ')' : ''}.`;
    $('persons-page-info').textContent = '';
    $('persons-prev').disabled = true;
    $('persons-next').disabled = true;
  } catch (error) {
    message.textContent = describe(error);
  }
}

function renderRows(persons) {
  const rows = persons.map(p => el('tr', {},
    el('td', {}, el('button', { type: 'button', className: 'link', dataset: { personId: p.personId } }, p.name || '(no name)')),
    el('td', {}, (p.tags ?? []).join(', ')),
    el('td', { className: 'number' }, String(p.faceCount ?? 0)),
    el('td', {}, dateTime(p.createdAt)),
    el('td', {}, el('code', {}, p.personId))));
  const body = $('persons-table').querySelector('tbody');
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colSpan: 5, className: 'muted' }, 'No persons.')));
  }
  body.querySelectorAll('button[data-person-id]').forEach(b => b.addEventListener('click', () => openPerson(b.dataset.personId)));
}

export async function openPerson(personId) {
  const message = $('person-message');
  try {
    current = await getPerson(personId);
    const faces = (await listFaces(personId)).faces ?? [];
    $('person-title').textContent = current.name || '(no name)';
    $('person-id').textContent = current.personId;
    $('person-name').value = current.name ?? '';
    $('person-tags').value = (current.tags ?? []).join(', ');
    message.textContent = '';
    renderFaces(faces);
    $('person-detail').hidden = false;
    $('person-title').tabIndex = -1;
    $('person-title').focus();
  } catch (error) {
    $('persons-message').textContent = describe(error);
  }
}

function renderFaces(faces) {
  const rows = faces.map(f => {
    const remove = el('button', { type: 'button', className: 'danger small', 'aria-label': `Delete face ${f.faceId}` }, 'Delete face');
    remove.addEventListener('click', () => removeFace(f));
    return el('tr', {},
      el('td', {}, el('code', {}, f.faceId)),
      el('td', { className: 'number' }, fixed(f.quality)),
      el('td', {}, f.photoReferenceId || '–'),
      el('td', {}, dateTime(f.createdAt)),
      el('td', {}, remove));
  });
  const body = $('person-faces').querySelector('tbody');
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colSpan: 5, className: 'muted' }, 'No faces.')));
  }
}

async function save(changes, done) {
  const message = $('person-message');
  try {
    current = await updatePerson(current.personId, changes);
    $('person-title').textContent = current.name || '(no name)';
    message.textContent = `${done}.`;
    reloadList();
  } catch (error) {
    message.textContent = describe(error);
  }
}

async function removeFace(face) {
  const sure = await confirmDialog('Delete this face?',
    `Face ${face.faceId} will be deleted permanently, with its photo reference. This cannot be undone.`, 'Delete face permanently');
  if (!sure) {
    return;
  }
  try {
    await deleteFace(face.faceId);
    await openPerson(current.personId);
    $('person-message').textContent = `Face ${face.faceId} deleted.`;
    reloadList();
  } catch (error) {
    $('person-message').textContent = describe(error);
  }
}

async function removePerson() {
  const label = current.name || current.personId;
  const sure = await confirmDialog(`Delete ${label}?`,
    `${label} and all ${current.faceCount ?? 0} of their faces will be deleted permanently. This cannot be undone.`);
  if (!sure) {
    return;
  }
  try {
    await deletePerson(current.personId);
    $('person-detail').hidden = true;
    current = null;
    await reloadList();
    $('persons-message').textContent = `${label} was deleted.`;
  } catch (error) {
    $('person-message').textContent = describe(error);
  }
}

function reloadList() {
  const query = $('persons-query').value.trim();
  return query ? search(query) : loadPage();
}
