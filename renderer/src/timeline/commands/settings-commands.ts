import {
  DEFAULT_SUBJECT_SETTINGS,
  type ExportSettings,
  type ProjectDocument,
  type StageSettings,
  type SubjectSettings,
} from '../../../../electron/contract/project-document';
import type { FaceSummary } from '../../../../electron/contract/types';
import type { EditCommand } from './edit-command';

/** Changes one subject's performance settings (a slider drag merges into one step). */
export class SetSubjectSettingsCommand implements EditCommand {
  readonly label = 'Change performance';
  constructor(
    readonly subject: number,
    readonly before: SubjectSettings | undefined,
    readonly after: SubjectSettings,
    readonly mergeKey?: string,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return { ...doc, subjects: { ...doc.subjects, [String(this.subject)]: this.after } };
  }
  revert(doc: ProjectDocument): ProjectDocument {
    const subjects = { ...doc.subjects };
    if (this.before) subjects[String(this.subject)] = this.before;
    else delete subjects[String(this.subject)];
    return { ...doc, subjects };
  }
  mergeWith(next: EditCommand): EditCommand | null {
    if (!(next instanceof SetSubjectSettingsCommand) || next.subject !== this.subject || !this.mergeKey || next.mergeKey !== this.mergeKey) return null;
    return new SetSubjectSettingsCommand(this.subject, this.before, next.after, this.mergeKey);
  }
  isNoop(): boolean {
    const { before, after } = this;
    return before !== undefined && before.expressiveness === after.expressiveness && before.headMotion === after.headMotion && before.blinkRate === after.blinkRate;
  }
}

export function setSubjectSettings(doc: ProjectDocument, subject: number, change: Partial<SubjectSettings>, mergeKey?: string): SetSubjectSettingsCommand {
  const before = doc.subjects[String(subject)];
  return new SetSubjectSettingsCommand(subject, before, { ...DEFAULT_SUBJECT_SETTINGS, ...before, ...change }, mergeKey);
}

/** Replaces one whole section of the document (export settings, stage); undo puts the previous one back. */
class ReplaceSectionCommand<K extends 'export' | 'stage'> implements EditCommand {
  constructor(
    readonly label: string,
    readonly section: K,
    readonly before: ProjectDocument[K],
    readonly after: ProjectDocument[K],
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return { ...doc, [this.section]: this.after };
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return { ...doc, [this.section]: this.before };
  }
}

export class SetExportSettingsCommand extends ReplaceSectionCommand<'export'> {
  constructor(before: ExportSettings, after: ExportSettings) {
    super('Change export settings', 'export', before, after);
  }
}

export function setExportSettings(doc: ProjectDocument, change: Partial<ExportSettings>): SetExportSettingsCommand {
  return new SetExportSettingsCommand(doc.export, { ...doc.export, ...change });
}

/** What the stage holds for a library face: its id and kind, and a video's length. */
export function stageOf(face: Pick<FaceSummary, 'id' | 'kind' | 'durationSec'>): StageSettings {
  return { faceId: face.id, mediaKind: face.kind, ...(face.kind === 'video' && face.durationSec ? { durationSec: face.durationSec } : {}) };
}

/** Puts another face on the stage. Clips stay; the selection goes back to the largest subject. */
export class SetStageCommand extends ReplaceSectionCommand<'stage'> {
  constructor(before: StageSettings, after: StageSettings) {
    super('Change stage', 'stage', before, after);
  }
}
