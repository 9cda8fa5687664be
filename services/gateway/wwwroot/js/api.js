// The public REST API with the signed-in user's bearer token. Errors arrive as RFC 7807 problem+json
// with a stable `code`; they are thrown as ApiError.
import { decodePayload, permissionsOf } from './jwt.js';

const StorageKey = 'identities.console.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || `http_${status}`;
    this.problem = problem;
  }
}

let session = loadSession();

function loadSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(StorageKey) ?? 'null');
    return stored && new Date(stored.expiresAt) > new Date() ? stored : null;
  } catch {
    return null;
  }
}

export function currentSession() {
  return session;
}

export function hasPermission(name) {
  return session?.permissions.includes(name) ?? false;
}

export async function signIn(username, password) {
  const response = await send('POST', '/api/v1/auth/login', { username, password }, false);
  const payload = decodePayload(response.token);
  session = {
    token: response.token,
    expiresAt: response.expiresAt,
    username: payload.sub ?? username,
    permissions: permissionsOf(payload),
  };
  sessionStorage.setItem(StorageKey, JSON.stringify(session));
  return session;
}

export function signOut() {
  session = null;
  sessionStorage.removeItem(StorageKey);
}

export const get = path => send('GET', path);
export const post = (path, body) => send('POST', path, body);
export const patch = (path, body) => send('PATCH', path, body);
export const del = path => send('DELETE', path);

async function send(method, path, body, authenticated = true) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (authenticated && session) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { code: 'network_error', detail: `The gateway could not be reached (${error.message}).` });
  }
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { detail: text };
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (authenticated && response.status === 401) {
      signOut();
      document.dispatchEvent(new CustomEvent('session-expired', { detail: error }));
    }
    throw error;
  }
  return json;
}
