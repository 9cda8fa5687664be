// Person Management (/api/v1/persons, the registry's API proxied by the gateway).
import { del, get, hasPermission, patch } from './api.js';

export const PersonManagement = 'Person Management';

const cache = new Map();

export async function getPerson(personId) {
  const person = await get(`/api/v1/persons/${encodeURIComponent(personId)}`);
  cache.set(personId, person);
  return person;
}

/** Names of the given persons where the token may read them; unknown ids are left out. */
export async function namesOf(personIds) {
  const names = new Map();
  if (!hasPermission(PersonManagement)) {
    return names;
  }
  await Promise.all([...new Set(personIds)].map(async id => {
    try {
      const person = cache.get(id) ?? await getPerson(id);
      names.set(id, person.name || '');
    } catch {
      // A person deleted meanwhile keeps its id as label.
    }
  }));
  return names;
}

export const listPersons = (pageSize, pageToken = '') =>
  get(`/api/v1/persons?pageSize=${pageSize}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`);

export const listFaces = personId => get(`/api/v1/persons/${encodeURIComponent(personId)}/faces`);

export async function updatePerson(personId, changes) {
  const person = await patch(`/api/v1/persons/${encodeURIComponent(personId)}`, changes);
  cache.set(personId, person);
  return person;
}

export async function deletePerson(personId) {
  cache.delete(personId);
  return del(`/api/v1/persons/${encodeURIComponent(personId)}`);
}

export const deleteFace = faceId => del(`/api/v1/faces/${encodeURIComponent(faceId)}`);
