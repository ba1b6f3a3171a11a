import type { FastifyReply } from 'fastify';
import type { Html } from '../views/html';

export function sendPage(reply: FastifyReply, page: Html, status = 200): void {
  void reply.status(status).type('text/html; charset=utf-8').send(page.value);
}

/** After a form post: 303, so a reload does not post again. */
export function redirect(reply: FastifyReply, location: string): void {
  void reply.status(303).header('location', location).send();
}
