import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../server/harness.js';

/** A TCP relay in front of the sync server whose cable can be pulled: a laptop that reaches the server only through it goes offline. */
export class Cable {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async plug(): Promise<void> {
    this.server = createServer((socket) => {
      const up = connect(this.target, '127.0.0.1');
      for (const s of [socket, up]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          socket.destroy();
          up.destroy();
        });
      }
      socket.pipe(up);
      up.pipe(socket);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  async pull(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** Signs the laptop in to the sync server in Ajustes → Sincronización, as the secretary would. */
export async function connectToServer(page: Page, url: string, username = 'secretaria') {
  await page.getByRole('link', { name: 'Ajustes' }).click();
  const form = page.getByRole('form', { name: 'Servidor de sincronización' });
  await form.getByLabel('Dirección del servidor').fill(url);
  await form.getByLabel('Usuario del servidor').fill(username);
  await form.getByLabel('Contraseña del servidor').fill(PASSWORD);
  await form.getByRole('button', { name: 'Iniciar sesión en el servidor' }).click();
  await page.getByText('Sesión iniciada en el servidor.').waitFor();
}
