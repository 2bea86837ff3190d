// The HTTP helpers every feature's routes share, with stand-in requests and responses: route
// parameters, forms shown again with their errors, refusals turned into messages, and sign-in
// through an injected Authenticator.
import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken, type Authenticator } from '../../../server/core/auth.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../server/core/errors.ts';
import { flashRefusal, formPost, routeId } from '../../../server/core/http.ts';

type Flash = { kind: string; key: string };

function fakeRequest(headers: Record<string, string> = {}): Request & { session: { flash?: Flash[] } } {
  return { session: {}, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request & {
    session: { flash?: Flash[] };
  };
}

/** A response that records what a handler answered. */
function fakeResponse() {
  const answer: { status?: number; view?: string; redirect?: string } = {};
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    render(view: string) {
      answer.view = view;
    },
    redirect(_code: number, url: string) {
      answer.redirect = url;
    },
  };
  return { res: res as unknown as Response, answer };
}

const noNext: NextFunction = () => {
  throw new Error('next() should not be called');
};

describe('routeId', () => {
  it('accepts positive PostgreSQL integers written plainly, and anything else is a 404', () => {
    expect(routeId('42')).to.equal(42);
    expect(routeId('2147483647')).to.equal(2_147_483_647);
    for (const bad of ['0', '-1', '1.5', '042', '1e3', ' 7', '2147483648', 'abc', '']) {
      expect(() => routeId(bad), bad).to.throw(NotFoundError);
    }
  });
});

describe('formPost', () => {
  const showForm = (req: Request, res: Response, err: AppError) => res.status(err.status).render(`form:${err.code}`);

  it('answers with the work when the input is accepted', async () => {
    const { res, answer } = fakeResponse();
    await formPost(async (_req, r) => r.redirect(303, '/fatto'), showForm)(fakeRequest(), res, noNext);
    expect(answer).to.deep.equal({ redirect: '/fatto' });
  });

  it('shows the form again with the refusal’s status when the service refuses the input', async () => {
    const { res, answer } = fakeResponse();
    const refuse = async () => {
      throw new ValidationError({ name: { key: 'validation.required' } });
    };
    await formPost(refuse, showForm)(fakeRequest(), res, noNext);
    expect(answer).to.deep.equal({ status: 400, view: 'form:validation' });

    const conflict = async () => {
      throw new ConflictError('errors.email_taken');
    };
    const other = fakeResponse();
    await formPost(conflict, showForm, [400, 409])(fakeRequest(), other.res, noNext);
    expect(other.answer).to.deep.equal({ status: 409, view: 'form:conflict' });
  });

  it('lets every other error go on to the error pages', async () => {
    const { res, answer } = fakeResponse();
    const conflict = async () => {
      throw new ConflictError('errors.email_taken');
    };
    let thrown: unknown;
    await (formPost(conflict, showForm)(fakeRequest(), res, noNext) as Promise<void>).catch(
      (err: unknown) => (thrown = err),
    );
    expect(thrown).to.be.instanceOf(ConflictError);
    expect(answer).to.deep.equal({});
  });
});

describe('flashRefusal', () => {
  it('keeps the success message of an accepted action', async () => {
    const req = fakeRequest();
    req.session.flash = [];
    await flashRefusal(req, async () => {
      req.session.flash!.push({ kind: 'success', key: 'fatto' });
    });
    expect(req.session.flash).to.deep.equal([{ kind: 'success', key: 'fatto' }]);
  });

  it('turns a refusal into a danger message: the first field’s, else its own, or the one asked for', async () => {
    const req = fakeRequest();
    await flashRefusal(req, async () => {
      throw new ValidationError({ role: { key: 'validation.last_admin' } });
    });
    await flashRefusal(req, async () => {
      throw new AppError(400, 'validation', 'groups.errors.last_owner');
    });
    await flashRefusal(
      req,
      async () => {
        throw new ValidationError({ name: { key: 'validation.required' } });
      },
      { message: () => 'errors.validation' },
    );
    await flashRefusal(
      req,
      async () => {
        throw new ConflictError('groups.errors.already_member', { handle: { key: 'groups.errors.already_member' } });
      },
      { statuses: [400, 409] },
    );
    expect(req.session.flash).to.deep.equal([
      { kind: 'danger', key: 'validation.last_admin' },
      { kind: 'danger', key: 'groups.errors.last_owner' },
      { kind: 'danger', key: 'errors.validation' },
      { kind: 'danger', key: 'groups.errors.already_member' },
    ]);
  });

  it('lets other errors through', async () => {
    const req = fakeRequest();
    let thrown: unknown;
    await flashRefusal(req, async () => {
      throw new NotFoundError();
    }).catch((err: unknown) => (thrown = err));
    expect(thrown).to.be.instanceOf(NotFoundError);
    expect(req.session.flash).to.equal(undefined);
  });
});

describe('bearerToken with an injected Authenticator', () => {
  const person: Express.User = {
    id: 7,
    name: 'Giulia',
    email: 'giulia@esempio.it',
    role: 'member',
    organizationId: 1,
    locale: 'it',
  };
  const authenticator: Authenticator = {
    verifyCredentials: async () => undefined,
    authenticateToken: async (token) =>
      token === 'rspi_buono'
        ? { user: person, tokenId: 3, scopes: ['read', 'write'] }
        : token === 'rspi_lettore'
          ? { user: person, tokenId: 4, scopes: ['read'] }
          : token === 'rspi_scaduto'
            ? { refused: 'expired' }
            : undefined,
    sessionUser: async () => undefined,
  };
  const run = async (headers: Record<string, string>, method = 'GET') => {
    const req = Object.assign(fakeRequest(headers), { method, originalUrl: '/api/v1/me' }) as Request;
    const set: Record<string, string> = {};
    const res = { set: (name: string, value: string) => (set[name] = value) } as unknown as Response;
    let passed: unknown = 'not called';
    await bearerToken(authenticator)(req, res, (err?: unknown) => (passed = err));
    return { req, passed, set };
  };

  it('signs the request in as the token’s owner', async () => {
    const { req, passed } = await run({ authorization: 'Bearer rspi_buono' });
    expect(passed).to.equal(undefined);
    expect(req.user).to.equal(person);
    expect(req.apiTokenId).to.equal(3);
  });

  it('leaves requests without a token anonymous and refuses a bad token with a 401', async () => {
    expect((await run({})).passed).to.equal(undefined);
    const { req, passed } = await run({ authorization: 'Bearer rspi_cattivo' });
    expect(passed).to.be.instanceOf(AppError).and.to.include({ status: 401 });
    expect(req.user).to.equal(undefined);
  });

  it('refuses an expired token with a 401 that says so', async () => {
    const { passed, set } = await run({ authorization: 'Bearer rspi_scaduto' });
    expect(passed).to.be.instanceOf(AppError).and.to.include({ status: 401, key: 'errors.token_expired' });
    expect(set['WWW-Authenticate']).to.equal('Bearer error="invalid_token"');
  });

  it('lets a read-only token read but refuses it a write with insufficient_scope', async () => {
    expect((await run({ authorization: 'Bearer rspi_lettore' })).passed).to.equal(undefined);
    const { passed, set } = await run({ authorization: 'Bearer rspi_lettore' }, 'PATCH');
    expect(passed).to.be.instanceOf(AppError).and.to.include({ status: 403, code: 'insufficient_scope' });
    expect(set['WWW-Authenticate']).to.equal('Bearer error="insufficient_scope", scope="write"');
    expect((await run({ authorization: 'Bearer rspi_buono' }, 'PATCH')).passed).to.equal(undefined);
  });
});
