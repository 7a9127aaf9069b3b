/**
 * The fonts captions are drawn with (all SIL OFL 1.1, from the npm packages `@expo-google-fonts/noto-sans*`),
 * copied into resources/fonts/ttf/ by `npm run build:fonts`. Plain data: the build script and the engine share it.
 */

/** The writing systems captions pick a font for; everything not listed falls back to `latin` (Noto Sans). */
export type CaptionScript = 'latin' | 'arabic' | 'hebrew' | 'han' | 'hangul';

export type CaptionFontWeight = 'medium' | 'bold';

export interface CaptionFontFile {
  script: CaptionScript;
  weight: CaptionFontWeight;
  /** The TTF's family name (name ID 1), which libass matches an ASS style's Fontname against. */
  family: string;
  /** Whether the face is the bold member of `family` (ASS `Bold` must be -1 to select it). */
  bold: boolean;
  fileName: string;
  npmPackage: string;
  /** Path of the TTF inside its npm package. */
  packagePath: string;
}

const EXPO = '@expo-google-fonts';

export const CAPTION_FONT_FILES: readonly CaptionFontFile[] = [
  { script: 'latin', weight: 'medium', family: 'Noto Sans Medium', bold: false, fileName: 'NotoSans-Medium.ttf', npmPackage: `${EXPO}/noto-sans`, packagePath: '500Medium/NotoSans_500Medium.ttf' },
  { script: 'latin', weight: 'bold', family: 'Noto Sans', bold: true, fileName: 'NotoSans-Bold.ttf', npmPackage: `${EXPO}/noto-sans`, packagePath: '700Bold/NotoSans_700Bold.ttf' },
  { script: 'arabic', weight: 'medium', family: 'Noto Sans Arabic Medium', bold: false, fileName: 'NotoSansArabic-Medium.ttf', npmPackage: `${EXPO}/noto-sans-arabic`, packagePath: '500Medium/NotoSansArabic_500Medium.ttf' },
  { script: 'arabic', weight: 'bold', family: 'Noto Sans Arabic', bold: true, fileName: 'NotoSansArabic-Bold.ttf', npmPackage: `${EXPO}/noto-sans-arabic`, packagePath: '700Bold/NotoSansArabic_700Bold.ttf' },
  { script: 'hebrew', weight: 'medium', family: 'Noto Sans Hebrew Medium', bold: false, fileName: 'NotoSansHebrew-Medium.ttf', npmPackage: `${EXPO}/noto-sans-hebrew`, packagePath: '500Medium/NotoSansHebrew_500Medium.ttf' },
  { script: 'hebrew', weight: 'bold', family: 'Noto Sans Hebrew', bold: true, fileName: 'NotoSansHebrew-Bold.ttf', npmPackage: `${EXPO}/noto-sans-hebrew`, packagePath: '700Bold/NotoSansHebrew_700Bold.ttf' },
  // CJK fonts are 6–11 MB each: only the bold weight is bundled, and the clean style uses it too.
  { script: 'han', weight: 'bold', family: 'Noto Sans SC', bold: true, fileName: 'NotoSansSC-Bold.ttf', npmPackage: `${EXPO}/noto-sans-sc`, packagePath: '700Bold/NotoSansSC_700Bold.ttf' },
  { script: 'hangul', weight: 'bold', family: 'Noto Sans KR', bold: true, fileName: 'NotoSansKR-Bold.ttf', npmPackage: `${EXPO}/noto-sans-kr`, packagePath: '700Bold/NotoSansKR_700Bold.ttf' },
];

/** The license sits beside the font folder, not in it: libass tries to load every file of its `fontsdir`. */
export const CAPTION_FONTS_LICENSE_FILE = 'OFL.txt';
/** resources/fonts/<this> holds only the TTFs (what `fontsdir=` points at); resources/fonts/OFL.txt the license. */
export const CAPTION_FONTS_SUBDIR = 'ttf';

/** The font for a script and weight, falling back to the bold face when that weight is not bundled. */
export function captionFontFor(script: CaptionScript, weight: CaptionFontWeight): CaptionFontFile {
  const faces = CAPTION_FONT_FILES.filter((f) => f.script === script);
  const face = faces.find((f) => f.weight === weight) ?? faces.find((f) => f.weight === 'bold');
  if (!face) throw new Error(`no caption font for script ${script}`);
  return face;
}
