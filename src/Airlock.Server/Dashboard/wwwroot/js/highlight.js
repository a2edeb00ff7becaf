// Shows a command or a call so an approver reads it at a glance: quoted strings, variables, flags,
// shell operators and SQL keywords get their own colour, and the parts Airlock's analysis names as
// evidence for an operation are marked. Highlighting is presentation only; the text is shown in full.

const SQL_KEYWORDS = new Set(('select insert update delete drop truncate alter create table database schema index view from where ' +
  'into values set grant revoke cascade join on and or not null returning with begin commit rollback mutation query').split(' '));

const RULES = [
  ['string', /'[^']*'?|"(?:[^"\\]|\\.)*"?/y],
  ['variable', /\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]/y],
  ['operator', /\|\||&&|;;|[|;&<>]+|\$\(|`/y],
  ['comment', /(?<=^|\s)#[^\n]*/y],
  ['flag', /(?<=^|\s)--?[A-Za-z0-9][\w-]*(=[^\s]*)?/y],
  ['word', /[A-Za-z_][\w.-]*/y],
  ['other', /[\s\S]/y],
];

function classesOf(text) {
  const classes = new Array(text.length).fill('');
  let at = 0;
  while (at < text.length) {
    for (const [kind, pattern] of RULES) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (!match || match[0].length === 0) continue;
      const cls = kind === 'word' ? (SQL_KEYWORDS.has(match[0].toLowerCase()) ? 'keyword' : '') : kind === 'other' ? '' : kind;
      classes.fill(cls, at, at + match[0].length);
      at += match[0].length;
      break;
    }
  }
  return classes;
}

function marksOf(text, evidences) {
  const marked = new Array(text.length).fill(false);
  const lower = text.toLowerCase();
  for (const evidence of evidences) {
    const needle = String(evidence ?? '').trim().toLowerCase();
    if (needle.length < 2) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) {
      marked.fill(true, i, i + needle.length);
    }
  }
  return marked;
}

/** A <code> element showing text, coloured, with the evidence marked. */
export function highlight(text, evidences = []) {
  const code = document.createElement('code');
  const classes = classesOf(text);
  const marked = marksOf(text, evidences);
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && classes[i] === classes[start] && marked[i] === marked[start]) continue;
    const piece = text.slice(start, i);
    let node = document.createTextNode(piece);
    if (classes[start]) {
      const span = document.createElement('span');
      span.className = `t-${classes[start]}`;
      span.append(node);
      node = span;
    }
    if (marked[start]) {
      const mark = document.createElement('mark');
      mark.append(node);
      node = mark;
    }
    code.append(node);
    start = i;
  }
  return code;
}

/** What a call does, as text: the shell command, the SQL or query, the URL; otherwise its input as JSON. */
export function actionText(tool, input, command) {
  if (command) return command;
  if (input && typeof input === 'object') {
    for (const name of ['command', 'query', 'sql', 'statement', 'url', 'file_path', 'path']) {
      if (typeof input[name] === 'string') {
        const rest = Object.keys(input).filter(k => k !== name && !['description', 'timeout', 'run_in_background'].includes(k));
        return rest.length === 0 ? input[name] : `${input[name]}\n\n${JSON.stringify(Object.fromEntries(rest.map(k => [k, input[k]])), null, 2)}`;
      }
    }
    return JSON.stringify(input, null, 2);
  }
  return String(input ?? tool ?? '');
}
