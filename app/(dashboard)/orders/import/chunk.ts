/** How many CSV rows one call imports; the page sends a big file in pieces and shows progress. */
export const IMPORT_CHUNK = 100;
