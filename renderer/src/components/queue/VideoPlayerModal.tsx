import { useEffect, useRef } from 'react';

/**
 * The rendered video at a size worth judging: a modal player as large as the window allows, in the video's own shape
 * (a reel stands tall, a landscape lies wide). Escape or a click outside closes it.
 */
export function VideoPlayerModal({ url, title, onClose }: { url: string; title: string; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="modal-backdrop" role="presentation" onClick={(event) => event.target === event.currentTarget && onClose()} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal video-player" role="dialog" aria-modal="true" aria-label={`${title}, rendered`} data-testid="video-player">
        <header className="modal-header">
          <h2>{title}</h2>
          <button ref={close} type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <video className="video-player-video" src={url} controls autoPlay data-testid="video-player-video" />
      </div>
    </div>
  );
}
