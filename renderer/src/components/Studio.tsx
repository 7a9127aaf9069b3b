import { useMemo } from 'react';
import type { StudioApi } from '../../../electron/contract/studio-api';
import { ImportProvider } from '../library/import-context';
import { LibraryProvider } from '../library/library-context';
import { createStudioContextValue, StudioContext } from '../store/editor-store';
import { VerifyProvider } from './verify/verify-context';
import { Workspace } from './Workspace';

/** The editor, wired to the app's API: one editor store and one library for the whole page. */
export function Studio({ studio }: { studio: StudioApi }) {
  const context = useMemo(() => createStudioContextValue(studio), [studio]);
  return (
    <StudioContext.Provider value={context}>
      <LibraryProvider>
        <VerifyProvider>
          <ImportProvider>
            <Workspace />
          </ImportProvider>
        </VerifyProvider>
      </LibraryProvider>
    </StudioContext.Provider>
  );
}
