'use client';

import { useSyncExternalStore } from 'react';
import { DARK_CLASS } from '@/components/shell/theme-script';

const watchHtmlClass = (cb: () => void) => {
  const observer = new MutationObserver(cb);
  observer.observe(document.documentElement, { attributeFilter: ['class'] });
  return () => observer.disconnect();
};

/** 'dark' while PatternFly's dark theme class is on <html> (the canvas cannot read CSS variables). */
export function useGraphTheme(): 'light' | 'dark' {
  return useSyncExternalStore(watchHtmlClass, () => (document.documentElement.classList.contains(DARK_CLASS) ? 'dark' : 'light'), () => 'light');
}
