// Enroll: faceEnroll for a new or an existing person, then the name and tags through Person Management.
import { ApiError, hasPermission, post } from './api.js';
import { el, shortId, tagList } from './format.js';
import { PersonManagement, listPersons, updatePerson } from './persons-api.js';
import { mountPicker, showImage, toBase64 } from './picker.js';
import { Forceable, describe } from './problems.js';

const $ = id => document.getElementById(id);

let photo = null;

export function initEnroll() {
  mountPicker($('enroll-picker'), 'enroll-photo', 'Photo to enroll', async file => {
    photo = file;
    clearOutcome();
    await showImage($('enroll-image'), file);
  });
  for (const radio of document.querySelectorAll('input[name="enroll-target"]')) {
    radio.addEventListener('change', () => {
      const existing = $('enroll-target-existing').checked;
      $('enroll-person-id').disabled = !existing;
      if (existing) {
        fillPersonOptions();
        $('enroll-person-id').focus();
      }
    });
  }
  $('enroll-form').addEventListener('submit', event => {
    event.preventDefault();
    enroll(false);
  });
  $('enroll-force').addEventListener('click', () => enroll(true));
  $('enroll-open-person').addEventListener('click', event => {
    document.dispatchEvent(new CustomEvent('open-person', { detail: event.currentTarget.dataset.personId }));
  });
}

function clearOutcome() {
  $('enroll-message').textContent = '';
  $('enroll-rejected').hidden = true;
  $('enroll-open-person').hidden = true;
}

async function fillPersonOptions() {
  if (!hasPermission(PersonManagement)) {
    return;
  }
  try {
    const page = await listPersons(500);
    $('enroll-person-options').replaceChildren(...(page.persons ?? []).map(p =>
      el('option', { value: p.personId, label: p.name || shortId(p.personId) })));
  } catch {
    // The id can still be typed.
  }
}

async function enroll(force) {
  const message = $('enroll-message');
  clearOutcome();
  if (!photo) {
    message.textContent = 'Choose a photo first.';
    return;
  }
  const existing = $('enroll-target-existing').checked;
  const personId = $('enroll-person-id').value.trim();
  if (existing && !personId) {
    message.textContent = 'Enter or pick the existing person.';
    return;
  }
  const query = new URLSearchParams();
  if (existing) {
    query.set('personId', personId);
  }
  if (force) {
    query.set('forceEnrollment', 'true');
  }
  const reference = $('enroll-reference').value.trim();
  message.textContent = 'Enrolling…';
  $('enroll-submit').disabled = true;
  try {
    const body = { faceImage: await toBase64(photo), ...(reference ? { photoReferenceId: reference } : {}) };
    const enrolled = await post(`/api/v1/faces/faceEnroll${query.size ? `?${query}` : ''}`, body);
    let label = enrolled.personId;
    let unsaved = '';
    const changes = personChanges();
    if (changes) {
      // A second call: the face is enrolled even when this one fails, and the message says so.
      try {
        const person = await updatePerson(enrolled.personId, changes);
        label = person.name ? `${person.name} (${enrolled.personId})` : enrolled.personId;
      } catch (error) {
        unsaved = ` The name and tags were not saved: ${describe(error)}`;
      }
    }
    message.textContent = `Enrolled face ${enrolled.faceId} for ${existing ? 'person' : 'new person'} ${label}.${unsaved}`;
    const open = $('enroll-open-person');
    open.dataset.personId = enrolled.personId;
    open.hidden = false;
  } catch (error) {
    message.textContent = '';
    showRejection(error, force);
  } finally {
    $('enroll-submit').disabled = !hasPermission('Face Enrollment');
  }
}

/** The name and tags typed in, as a Person Management PATCH body, or null when there are none. */
function personChanges() {
  if (!hasPermission(PersonManagement)) {
    return null;
  }
  const name = $('enroll-name').value.trim();
  const tags = tagList($('enroll-tags').value);
  const changes = {};
  if (name) {
    changes.name = name;
  }
  if (tags.length) {
    changes.tags = { values: tags };
  }
  return Object.keys(changes).length ? changes : null;
}

function showRejection(error, forced) {
  $('enroll-rejected-reason').textContent = error instanceof ApiError ? describe(error) : String(error);
  $('enroll-force').hidden = forced || !(error instanceof ApiError && Forceable.has(error.code)) || !hasPermission('Face Enrollment');
  $('enroll-rejected').hidden = false;
}
