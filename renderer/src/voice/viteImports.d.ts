// Vite's `?worker&url` import (see workletUrl.ts): the bundled script's URL.
declare module '*?worker&url' {
  const src: string;
  export default src;
}
