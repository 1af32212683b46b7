'use client';

import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { MoonIcon, SunIcon } from '@patternfly/react-icons';
import { useSyncExternalStore } from 'react';
import { DARK_CLASS, THEME_STORAGE_KEY } from './theme-script';

function subscribe(onChange: () => void) {
  const o = new MutationObserver(onChange);
  o.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => o.disconnect();
}
const isDark = () => document.documentElement.classList.contains(DARK_CLASS);

/** Light / dark theme (PatternFly's dark theme class on <html>), remembered in localStorage. */
export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const choose = (next: boolean) => {
    document.documentElement.classList.toggle(DARK_CLASS, next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next ? 'dark' : 'light');
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  };
  return (
    <ToggleGroup aria-label="Theme">
      <ToggleGroupItem icon={<SunIcon />} aria-label="Light theme" isSelected={!dark} onChange={() => choose(false)} />
      <ToggleGroupItem icon={<MoonIcon />} aria-label="Dark theme" isSelected={dark} onChange={() => choose(true)} />
    </ToggleGroup>
  );
}
