// Reads the JWT payload for the user interface only (who is signed in, which buttons to enable).
// The signature is not checked here: the API checks every call and is the authority.

export const PermissionClaim = 'permission';

export function decodePayload(token) {
  const part = token.split('.')[1];
  if (!part) {
    return {};
  }
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

/** The permission claim as a list: one value is a string, several are an array. */
export function permissionsOf(payload) {
  const value = payload[PermissionClaim];
  if (Array.isArray(value)) {
    return value.map(String);
  }
  return typeof value === 'string' ? [value] : [];
}
