// Run by the bundling (constructs/bundling.ts) on a bundle's source map: keeps the mappings into
// the project's own code and drops those into packages. Lambda runs the functions with
// --enable-source-maps, so that an error's stack names lib/…/file.ts:line rather than
// index.mjs:1:234567, and Node reads the whole map when it loads the bundle: the full map (over four
// megabytes and some 1,700 sources, pdf.js's own map chained in) cost a tenth of the email filter's
// init. The project's code is a small part of it. A stack frame inside a package then shows
// its place in the bundle, as it would with no map, which is where the version bundled is known
// anyway; nothing is ever mapped to the wrong place (see `trimSourceMap`).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

/** The fields of one segment, each as a base-64 VLQ: relative to the previous segment's. */
function decodeSegment(text: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a source map mapping: "${text}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

function encodeField(field: number): string {
  let value = field < 0 ? (-field << 1) | 1 : field << 1;
  let text = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    text += BASE64[digit];
  } while (value > 0);
  return text;
}

export interface SourceMapV3 {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
  [other: string]: unknown;
}

/**
 * The map with only the mappings into sources `keep` accepts. A dropped mapping becomes a mapping
 * to no source, not nothing: a position after it would otherwise take the mapping before it, which
 * may be the project's code further back on the same line.
 */
export function trimSourceMap(map: SourceMapV3, keep: (source: string) => boolean): SourceMapV3 {
  const kept = map.sources.map((source) => keep(source));
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  const sources: string[] = [];
  const names: string[] = [];
  // Absolute values of the fields carried from segment to segment, read and written.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((line) => {
    let generated = 0;
    let writtenGenerated = 0;
    let unmapped = false;
    const segments: string[] = [];
    for (const text of line === '' ? [] : line.split(',')) {
      const fields = decodeSegment(text);
      generated += fields[0]!;
      const mapped = fields.length >= 4;
      if (mapped) {
        read.source += fields[1]!;
        read.line += fields[2]!;
        read.column += fields[3]!;
        if (fields.length === 5) read.name += fields[4]!;
      }
      if (!mapped || !kept[read.source]) {
        // One unmapped segment stands for a run of them.
        if (!unmapped) {
          segments.push(encodeField(generated - writtenGenerated));
          writtenGenerated = generated;
          unmapped = true;
        }
        continue;
      }
      unmapped = false;
      let source = sourceIndex.get(read.source);
      if (source === undefined) sourceIndex.set(read.source, (source = sources.push(map.sources[read.source]!) - 1));
      let segment = [generated - writtenGenerated, source - written.source, read.line - written.line, read.column - written.column].map(encodeField).join('');
      writtenGenerated = generated;
      written.source = source;
      written.line = read.line;
      written.column = read.column;
      if (fields.length === 5) {
        let name = nameIndex.get(read.name);
        if (name === undefined) nameIndex.set(read.name, (name = names.push(map.names[read.name]!) - 1));
        segment += encodeField(name - written.name);
        written.name = name;
      }
      segments.push(segment);
    }
    return segments.join(',');
  });
  const trimmed: SourceMapV3 = { ...map, sources, names, mappings: lines.join(';') };
  if (map.sourcesContent) trimmed.sourcesContent = [...sourceIndex.keys()].map((index) => map.sourcesContent![index] ?? null);
  return trimmed;
}

/** The project's own code: any source not in a package (pdf.js's chained map names its sources webpack://). */
export const isProjectSource = (source: string): boolean => !source.includes('node_modules/') && !/^[a-z][a-z0-9+.-]*:/i.test(source);

// Run as a script: trim each map named on the command line in place.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of process.argv.slice(2)) {
    const map = JSON.parse(readFileSync(path, 'utf8')) as SourceMapV3;
    writeFileSync(path, JSON.stringify(trimSourceMap(map, isProjectSource)));
  }
}
