// Text of a PDF: every page's text, then the values typed into its form fields and the text of
// its comments (a filled-in form keeps its answers there, not in the page text). A PDF that only
// holds scanned images yields no text and, like a picture, is not held for that alone. Files
// the PDF carries are returned beside its text, to be read as attachments of their own.
import { addAnnotationFiles, addAttachments, emptyPdfFiles } from './pdf-files.ts';
import { joinTextItems, type PdfTextItem } from './pdf-layout.ts';
import { checkPdfLimits, type PdfLimits } from './pdf-limits.ts';
import { UnreadableContentError, type DocumentContent } from './types.ts';

interface Annotation {
  fieldValue?: unknown;
  contentsObj?: { str?: unknown };
  annotationType?: unknown;
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
export async function pdfText(bytes: Uint8Array, maxChars: number, limits: PdfLimits): Promise<DocumentContent> {
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
    const files = emptyPdfFiles();
    addAttachments(files, await doc.getAttachments());
    let length = 0;
    for (let number = 1; number <= doc.numPages && length <= maxChars; number += 1) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is PdfTextItem & typeof item => 'str' in item);
      const annotations = (await page.getAnnotations()) as Annotation[];
      addAnnotationFiles(files, annotations);
      const text = [joinTextItems(items), ...annotationTexts(annotations)].join('\n');
      out.push(text);
      length += text.length;
      page.cleanup();
    }
    return { text: [...out, ...files.labels].join('\n\n'), embedded: files.files };
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
