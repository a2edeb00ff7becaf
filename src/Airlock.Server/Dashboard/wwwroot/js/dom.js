// Building the page from data. Everything an agent or a user wrote is put in as text nodes, never as
// HTML: the action under review is written by the party being reviewed.

/** Creates an element: h('a', { href: '#/x', class: 'y' }, 'text', child, [more children]). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what an element shows. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** "3 min", "1 h 5 min", "12 s": how long something has waited or has left. */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const hours = Math.floor(m / 60);
  return hours < 48 ? `${hours} h ${m % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A <time> element: the local time shown, the exact UTC time in its datetime and title. */
export function time(iso, format = 'time') {
  if (!iso) return '';
  const at = new Date(iso);
  const text = format === 'time' ? at.toLocaleTimeString([], { hour12: false }) : at.toLocaleString([], { hour12: false });
  return h('time', { datetime: at.toISOString(), title: at.toISOString() }, text);
}

let toastTimer;

/** A short message read out by screen readers (the toast region is aria-live). */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toast');
  region.className = `toast ${kind} visible`;
  region.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => region.classList.remove('visible'), 6000);
}

/** A labelled form field: the label is tied to the control for screen readers and clicks. */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hintElement = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement);
}

/** The badge of an outcome or status, with its word always spelled out (colour is never the only cue). */
export function badge(word) {
  return h('span', { class: `badge ${String(word).replace(/[^a-z_.]/gi, '')}` }, String(word).replace(/_/g, ' '));
}
