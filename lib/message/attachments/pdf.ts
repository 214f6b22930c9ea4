// Text of a PDF: every page's text, then the values typed into its form fields and the text of
// its comments (a filled-in form keeps its answers there, not in the page text). A PDF that only
// holds scanned images yields no text and, like a picture, is not held for that alone.
import { checkPdfLimits, type PdfLimits } from './pdf-limits.ts';
import { UnreadableContentError } from './types.ts';

interface Annotation {
  fieldValue?: unknown;
  contentsObj?: { str?: unknown };
}

function annotationTexts(annotations: readonly Annotation[]): string[] {
  const texts: string[] = [];
  for (const annotation of annotations) {
    const values = Array.isArray(annotation.fieldValue) ? annotation.fieldValue : [annotation.fieldValue];
    for (const value of [...values, annotation.contentsObj?.str]) {
      if (typeof value === 'string' && value.trim() !== '') texts.push(value);
    }
  }
  return texts;
}

/** Reads pages until `maxChars` characters have been collected; a PDF over a limit is not read at all. */
export async function pdfText(bytes: Uint8Array, maxChars: number, limits: PdfLimits): Promise<string> {
  checkPdfLimits(bytes, limits);
  // Loaded on first use: most messages carry no PDF and the library is large.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  try {
    const doc = await task.promise;
    // Pages past the limit would go unread, and a page bomb takes minutes: held unread instead.
    if (doc.numPages > limits.maxPdfPages) throw new UnreadableContentError('too-large', `the PDF has ${doc.numPages} pages, over the limit of ${limits.maxPdfPages}`);
    const out: string[] = [];
    let length = 0;
    for (let number = 1; number <= doc.numPages && length <= maxChars; number += 1) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const lines = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''));
      const fields = annotationTexts((await page.getAnnotations()) as Annotation[]);
      const text = [lines.join('').trimEnd(), ...fields].join('\n');
      out.push(text);
      length += text.length;
      page.cleanup();
    }
    return out.join('\n\n');
  } catch (error) {
    if (error instanceof UnreadableContentError) throw error;
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new UnreadableContentError('encrypted', 'the PDF is password-protected', { cause: error });
    }
    throw new UnreadableContentError('corrupt', 'the PDF cannot be read', { cause: error });
  } finally {
    await task.destroy();
  }
}
