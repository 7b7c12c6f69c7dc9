import { create } from 'zustand';
import type { AuthStatus } from '../../../src-shared/contract/index.js';

/** Who is signed in on this laptop, as the service last said. */
export const useSession = create<{ status: AuthStatus | null; setStatus(s: AuthStatus | null): void }>((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));

export const canEditPeople = (s: AuthStatus | null) => Boolean(s?.user?.roles.some((r) => r.role === 'admin' || r.role === 'secretaria'));
export const isAdmin = (s: AuthStatus | null) => Boolean(s?.user?.roles.some((r) => r.role === 'admin'));
