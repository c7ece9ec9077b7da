// The part of @types/express the webhook sample uses.
declare module "express" {
  interface Request {
    body: Buffer;
    headers: Record<string, string | string[] | undefined>;
  }
  interface Response {
    sendStatus(status: number): void;
  }
  type Handler = (request: Request, response: Response) => void;
  interface Application {
    post(path: string, ...handlers: Handler[]): void;
    listen(port: number): void;
  }
  interface Express {
    (): Application;
    raw(options: { type: string }): Handler;
  }
  const express: Express;
  export default express;
}
