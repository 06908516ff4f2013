/** Markdown pieces the generated docs share. */

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** A GitHub table; `|` in cells is escaped (also inside code spans, as GFM requires). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const begin = (name: string) => `<!-- BEGIN GENERATED ${name}: edit the generator, then run \`npm run docs\` -->`;
const end = (name: string) => `<!-- END GENERATED ${name} -->`;

/**
 * The document with the section between its `name` markers replaced by
 * `content`; the prose around the markers is written by hand.
 */
export function splice(markdown: string, name: string, content: string): string {
  const start = markdown.indexOf(begin(name));
  const stop = markdown.indexOf(end(name));
  if (start === -1 || stop < start) throw new Error(`the document has no "${begin(name)}" … "${end(name)}" markers`);
  return `${markdown.slice(0, start)}${begin(name)}\n\n${content.trim()}\n\n${markdown.slice(stop)}`;
}
