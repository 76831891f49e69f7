// Reading the page's IndexedDB store (src/storage.rs: database "overdue", object store "kv")
// from a test, inside the page.

/** The stored value under `key` (undefined when there is none). Runs in the page. */
export function readStored(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("overdue");
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.result.createObjectStore("kv");
        open.onsuccess = () => {
          const request = open.result.transaction("kv").objectStore("kv").get(key);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    key,
  );
}

/** Waits until the stored workspace satisfies `holds` (given the JSON text, or undefined). */
export async function waitForStored(page, holds, key = "workspace") {
  for (;;) {
    const value = await readStored(page, key);
    if (holds(value)) return value;
    await page.waitForTimeout(50);
  }
}
