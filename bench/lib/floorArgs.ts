/** The argument that starts bench/floorServer.ts without keeping any text (see there). */
export const NO_TEXT = '--no-text';
