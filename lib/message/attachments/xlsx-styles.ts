// The number format of each cell style in an Excel workbook (xl/styles.xml): a cell's `s`
// attribute indexes the cellXfs list, whose numFmtId names a built-in format or one of the
// workbook's own format codes. Both dates and custom display formats are read from it.
import { attribute, localName, xmlTokens } from './xml.ts';

export interface CellStyle {
  formatId: number;
  /** The format code, for the workbook's own formats (ids from 164). */
  code?: string;
}

/** Cell styles in index order. */
export function cellStyles(stylesXml: string): CellStyle[] {
  const codes = new Map<number, string>();
  const styles: CellStyle[] = [];
  let inCellFormats = false;
  for (const token of xmlTokens(stylesXml)) {
    if (token.type === 'text') continue;
    const name = localName(token.name);
    if (name === 'cellXfs') inCellFormats = token.type === 'open' && !token.selfClosing;
    if (token.type !== 'open') continue;
    if (name === 'numFmt') {
      codes.set(Number(attribute(token.attrs, 'numFmtId')), attribute(token.attrs, 'formatCode') ?? '');
    } else if (name === 'xf' && inCellFormats) {
      const formatId = Number(attribute(token.attrs, 'numFmtId') ?? '0');
      const code = codes.get(formatId);
      styles.push(code === undefined ? { formatId } : { formatId, code });
    }
  }
  return styles;
}
