/** The part of opentype.js (MIT, ships no types) that caption layout uses. */
declare module 'opentype.js' {
  export interface Font {
    unitsPerEm: number;
    tables: {
      os2?: { usWinAscent: number; usWinDescent: number };
      hhea: { ascender: number; descender: number };
    };
    /** Advance width in pixels of `text` set at `fontSize` pixels per em (shaping and kerning applied). */
    getAdvanceWidth(text: string, fontSize: number, options?: { kerning?: boolean }): number;
    hasChar(char: string): boolean;
    charToGlyph(char: string): { advanceWidth?: number };
  }
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
