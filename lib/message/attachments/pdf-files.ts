// Files a PDF carries: those in its EmbeddedFiles name tree (a viewer's attachments panel) and
// those behind file-attachment annotations (a paperclip on a page). Both open with a click, so
// both are read; their names and descriptions are shown beside them, so those are text too.
import type { EmbeddedFile } from './types.ts';

/** pdf.js's serialised file specification. */
interface PdfFileSpec {
  filename?: unknown;
  content?: unknown;
  description?: unknown;
}

/** pdf.js's annotation type number for a file attachment (AnnotationType.FILEATTACHMENT). */
const FILE_ATTACHMENT = 17;

export interface PdfFiles {
  files: EmbeddedFile[];
  /** The files' names and descriptions, as a viewer lists them. */
  labels: string[];
}

export function emptyPdfFiles(): PdfFiles {
  return { files: [], labels: [] };
}

/** Adds one file specification; one without content (a reference to a file elsewhere) has only its name. */
export function addFileSpec(into: PdfFiles, spec: PdfFileSpec | null | undefined): void {
  if (spec === null || spec === undefined) return;
  const name = typeof spec.filename === 'string' ? spec.filename : '';
  for (const label of [name, spec.description]) {
    if (typeof label === 'string' && label.trim() !== '') into.labels.push(label);
  }
  if (spec.content instanceof Uint8Array) into.files.push({ name, content: spec.content });
}

/** The files of the EmbeddedFiles name tree, as `getAttachments()` returns them. */
export function addAttachments(into: PdfFiles, attachments: unknown): void {
  if (attachments === null || typeof attachments !== 'object') return;
  for (const spec of Object.values(attachments as Record<string, PdfFileSpec>)) addFileSpec(into, spec);
}

/** The files behind a page's file-attachment annotations. */
export function addAnnotationFiles(into: PdfFiles, annotations: ReadonlyArray<{ annotationType?: unknown; file?: PdfFileSpec }>): void {
  for (const annotation of annotations) {
    if (annotation.annotationType === FILE_ATTACHMENT) addFileSpec(into, annotation.file);
  }
}
