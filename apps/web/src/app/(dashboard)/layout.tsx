import type { ReactNode } from 'react';
import { ClientRoot } from './client-root';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <ClientRoot>{children}</ClientRoot>;
}
