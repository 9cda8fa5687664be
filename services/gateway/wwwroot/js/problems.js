// Problem codes (README, "Errors") in words a person can act on.
const Reasons = {
  no_face: 'No face was found in the photo.',
  multiple_faces: 'Several faces are nearly as large as the main one: use a photo of one person.',
  face_too_small: 'The face is too small to recognise (too few pixels between the eyes).',
  low_quality: 'The face quality is too low: the photo is blurred, dark or the face is turned away.',
  reference_exists: 'This photo reference is already enrolled.',
  person_not_found: 'That person does not exist (any more).',
  invalid_person_id: 'The person id is not a valid id.',
  invalid_reference: 'The photo reference must be 1 to 256 printable characters.',
  unsupported_image_format: 'This file is not an image format the service reads (JPEG, PNG, BMP, WebP, TIFF).',
  undecodable_image: 'The image could not be decoded.',
  image_too_large: 'The image has too many pixels.',
  image_too_small: 'The image is too small.',
  empty_image: 'The image is empty.',
  body_too_large: 'The photo is too large to upload.',
  unauthorized: 'Your session has ended: sign in again.',
  forbidden: 'Your token lacks the permission for this.',
  too_many_attempts: 'Too many failed sign-ins: wait a while and try again.',
  service_unavailable: 'The service is temporarily unavailable: try again in a few seconds.',
  network_error: 'The gateway could not be reached.',
};

/** Codes that forceEnrollment=true overrides (the others stay refused even when forced). */
export const Forceable = new Set(['low_quality']);

export function describe(error) {
  const words = Reasons[error.code] ?? error.problem?.title ?? 'The request failed.';
  const detail = error.message && error.message !== words ? ` ${error.message}` : '';
  return `${words} (${error.code})${detail}`;
}
