// The console's shell: sign-in, views, and what the signed-in user's permissions allow.
import { currentSession, hasPermission, signIn, signOut } from './api.js';
import { initCompare } from './compare.js';
import { initDetect } from './detect.js';
import { initEnroll } from './enroll.js';
import { initPersons, openPerson, showPersons } from './persons.js';
import { describe } from './problems.js';

const $ = id => document.getElementById(id);
const Views = ['detect', 'enroll', 'compare', 'persons'];

function start() {
  initDetect();
  initEnroll();
  initCompare();
  initPersons();
  $('login-form').addEventListener('submit', login);
  $('sign-out').addEventListener('click', () => {
    signOut();
    location.replace(location.pathname);
  });
  window.addEventListener('hashchange', route);
  document.addEventListener('session-expired', () => showLogin('Your session has ended: sign in again.'));
  document.addEventListener('open-person', event => {
    location.hash = '#persons';
    openPerson(event.detail);
  });
  if (currentSession()) {
    showApp();
  } else {
    showLogin('');
  }
}

async function login(event) {
  event.preventDefault();
  const error = $('login-error');
  error.textContent = '';
  $('login-submit').disabled = true;
  try {
    await signIn($('login-username').value, $('login-password').value);
    $('login-password').value = '';
    showApp();
  } catch (failure) {
    error.textContent = describe(failure);
  } finally {
    $('login-submit').disabled = false;
  }
}

function showLogin(reason) {
  $('tabs').hidden = true;
  $('session').hidden = true;
  Views.forEach(v => { $(`view-${v}`).hidden = true; });
  $('view-login').hidden = false;
  $('login-error').textContent = reason;
  $('login-username').focus();
}

function showApp() {
  const session = currentSession();
  $('view-login').hidden = true;
  $('tabs').hidden = false;
  $('session').hidden = false;
  $('session-user').textContent = `Signed in as ${session.username}`;
  $('session-permissions').textContent = session.permissions.length ? `(${session.permissions.join(', ')})` : '(no permissions)';
  applyPermissions();
  route();
}

/** Disables what the token may not do; the API refuses it anyway. */
function applyPermissions() {
  for (const element of document.querySelectorAll('[data-requires]')) {
    const permission = element.dataset.requires;
    if (hasPermission(permission)) {
      continue;
    }
    const controls = 'disabled' in element ? [element] : element.querySelectorAll('input, button, select, textarea');
    for (const control of controls) {
      control.disabled = true;
      control.title = `Requires the ${permission} permission`;
    }
    element.classList.add('not-permitted');
  }
  for (const notice of document.querySelectorAll('[data-missing]')) {
    notice.hidden = hasPermission(notice.dataset.missing);
  }
}

function route() {
  if (!currentSession()) {
    return;
  }
  const view = Views.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'detect';
  Views.forEach(v => { $(`view-${v}`).hidden = v !== view; });
  document.querySelectorAll('#tabs a').forEach(a => {
    if (a.dataset.view === view) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (view === 'persons') {
    showPersons();
  }
}

start();
