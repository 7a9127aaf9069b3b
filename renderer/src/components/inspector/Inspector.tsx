import { ClipSection } from './ClipSection';
import { ExportSection } from './ExportSection';
import { SubjectSettingsSection } from './SubjectSettingsSection';

/** Settings of what is selected: the clip, the subject's performance, and the export. */
export function Inspector() {
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="panel-header">
        <span className="panel-title">Inspector</span>
      </div>
      <div className="inspector-body">
        <ClipSection />
        <SubjectSettingsSection />
        <ExportSection />
      </div>
    </aside>
  );
}
