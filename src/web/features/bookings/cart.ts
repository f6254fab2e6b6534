/**
 * The booking cart lives in localStorage ('kft.cart') so it survives reloads and sign-in; nothing is held on the
 * server until "submit" books every item at once. A tiny external store lets the header badge and the pages share it.
 */
import { useSyncExternalStore } from 'react';
import type { PriceUnit } from '../instruments/api';

export const CART_KEY = 'kft.cart';

export interface CartEntry {
  key: string;
  instrumentId: number;
  instrumentName: string;
  ownerName: string;
  priceUnit: PriceUnit;
  start: string;
  end: string;
  quantity: number;
  purpose: string;
}

let cache: CartEntry[] | null = null;
const listeners = new Set<() => void>();

function read(): CartEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(CART_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((e) => e && typeof e.instrumentId === 'number' && e.start && e.end) : [];
  } catch {
    return [];
  }
}
function write(items: CartEntry[]) {
  cache = items;
  try {
    localStorage.setItem(CART_KEY, JSON.stringify(items));
  } catch {
    /* private mode: the cart lasts for the page */
  }
  listeners.forEach((l) => l());
}

export const cart = {
  get: (): CartEntry[] => (cache ??= read()),
  add(e: Omit<CartEntry, 'key'>) {
    write([...cart.get(), { ...e, key: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` }]);
  },
  update(key: string, patch: Partial<CartEntry>) {
    write(cart.get().map((e) => (e.key === key ? { ...e, ...patch } : e)));
  },
  remove(key: string) {
    write(cart.get().filter((e) => e.key !== key));
  },
  clear() {
    write([]);
  },
  subscribe(fn: () => void) {
    listeners.add(fn);
    // another tab changed the cart
    const onStorage = (ev: StorageEvent) => {
      if (ev.key === CART_KEY) {
        cache = null;
        fn();
      }
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(fn);
      window.removeEventListener('storage', onStorage);
    };
  },
};

export const useCart = () => useSyncExternalStore(cart.subscribe, cart.get);
