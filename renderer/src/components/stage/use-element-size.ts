import { useLayoutEffect, useState, type RefObject } from 'react';

/** The content-box size of an element, kept current with a ResizeObserver. */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((previous) => (previous.width === width && previous.height === height ? previous : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The largest size with the picture's aspect ratio that fits in the box. */
export function fitInside(box: { width: number; height: number }, picture: { width: number; height: number }): { width: number; height: number } {
  if (box.width <= 0 || box.height <= 0 || picture.width <= 0 || picture.height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  return { width: Math.floor(picture.width * scale), height: Math.floor(picture.height * scale) };
}
