export const THEME_STORAGE_KEY = 'meridian-theme';
export const DARK_CLASS = 'pf-v6-theme-dark';

/** Inline script for <head>: applies the saved theme before the first paint (no flash). */
export const themeBootScript = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('${DARK_CLASS}')}catch(e){}`;
