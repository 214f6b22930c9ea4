// A tiny document model for what the gateway writes to people, rendered once as plain text and
// once as HTML so the two parts of an email always say the same thing. Everything is escaped in
// HTML: subjects, file names and masked values come from the message and are not trusted.

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** A line to copy exactly (never wrapped). */
  | { kind: 'example'; text: string }
  /** Label/value lines, e.g. "Hold reference: H-…". */
  | { kind: 'facts'; rows: [string, string][] };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Wraps at spaces to `width` columns; a word longer than the width stays whole on its own line. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n');
}

const WIDTH = 72;

export function renderText(blocks: readonly Block[]): string {
  const out = blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `${block.text}\n${'-'.repeat(Math.min(block.text.length, WIDTH))}`;
      case 'paragraph':
        return wrap(block.text, WIDTH, '');
      case 'list':
        return block.items.map((item) => `  - ${wrap(item, WIDTH - 4, '    ')}`).join('\n');
      case 'example':
        return `    ${block.text}`;
      case 'facts':
        return block.rows.map(([label, value]) => `  ${label}: ${value}`).join('\n');
    }
  });
  return `${out.join('\n\n')}\n`;
}

export function renderHtml(blocks: readonly Block[], title: string): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `<h2>${escapeHtml(block.text)}</h2>`;
      case 'paragraph':
        return `<p>${escapeHtml(block.text)}</p>`;
      case 'list':
        return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      case 'example':
        return `<p><code>${escapeHtml(block.text)}</code></p>`;
      case 'facts':
        return `<table>${block.rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
    }
  });
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
