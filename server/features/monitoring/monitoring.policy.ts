// Who may read the network's monitoring figures and set their targets: animators and admins, the
// people who run the network (seed: "monitorare, misurare e valutare il funzionamento delle reti").
import type { Actor } from '../../core/deps.ts';

export const canMonitor = (actor: Actor): boolean => actor?.role === 'animator' || actor?.role === 'admin';
export const canSetTargets = canMonitor;
