export { AI_DISCLOSURE_LABEL, disclosureTags, disclosureVoiceOf, IPTC_TRAINED_ALGORITHMIC_MEDIA, TOOL_NAME, type DisclosureTagsInput, type DisclosureVoice } from './disclosure.js';
export {
  BUILTIN_EXPORT_PRESETS,
  customExportPresetSchema,
  encodeSettingsFor,
  framingForSize,
  maxBitrateForSize,
  parseCustomExportPreset,
  resolveExportPreset,
  toOutputPreset,
  validateCustomExportPreset,
  type CustomExportPresetInput,
  type CustomExportPresetSettings,
  type ExportEncodeSettings,
  type ExportFraming,
  type ExportPreset,
} from './export-presets.js';
