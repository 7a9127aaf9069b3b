import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';

/**
 * Drops real files on an element the way a desktop drag does in a browser: File objects built from the files' real
 * bytes in a DataTransfer, with dragenter, dragover and drop dispatched on the target.
 */
export async function dropFiles(target: Locator, filePaths: string[]): Promise<void> {
  const files = await Promise.all(
    filePaths.map(async (filePath) => ({ name: path.basename(filePath), base64: (await readFile(filePath)).toString('base64'), type: mimeOf(filePath) })),
  );
  await target.evaluate((element, payload) => {
    const transfer = new DataTransfer();
    for (const file of payload) {
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    const rect = element.getBoundingClientRect();
    const init = { bubbles: true, cancelable: true, dataTransfer: transfer, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 };
    for (const type of ['dragenter', 'dragover', 'drop']) element.dispatchEvent(new DragEvent(type, init));
  }, files);
}

function mimeOf(filePath: string): string {
  const ext = path.extname(filePath).toLowerCase();
  return { '.png': 'image/png', '.jpg': 'image/jpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.txt': 'text/plain', '.mp4': 'video/mp4' }[ext] ?? 'application/octet-stream';
}
