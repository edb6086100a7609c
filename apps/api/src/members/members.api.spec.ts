import { Client, STRONG_PASSWORD, SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

describe('organization members', () => {
  let t: TestApp;
  let owner: SignedUp;
  const members = (organizationId: string) => `/api/organizations/${organizationId}/members`;
  const invitations = (organizationId: string) => `/api/organizations/${organizationId}/invitations`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http, { organizationName: 'Members Test HVAC' });
  });
  afterAll(() => t.close());

  async function invite(email: string, role: string, by: Client = owner.client) {
    const res = await by.post(invitations(owner.organizationId), { email, role }).expect(201);
    return { body: res.body, token: String(res.body.acceptUrl).split('/').pop()! };
  }

  it('invites an admin with a single-use link shown once, which a new person accepts to join and sign in', async () => {
    // Unique per run: admin accounts are global, and a kept database (CI's second target) remembers earlier runs.
    const email = `new.admin.${Date.now()}@example.test`;
    const { body, token } = await invite(email, 'admin');
    expect(body.acceptUrl).toMatch(/^http:\/\/fieldbook\.test\/admin\/invitations\/[A-Za-z0-9_-]{43}$/);
    const listed = await owner.client.get(invitations(owner.organizationId)).expect(200);
    expect(listed.body).toEqual([expect.not.objectContaining({ acceptUrl: expect.anything() })]);
    const { rows } = await t.owner.query(`SELECT token_hash FROM admin_invitation WHERE id = $1`, [body.id]);
    expect(rows[0].token_hash).not.toContain(token);

    const invitee = await Client.create(t.http);
    const preview = await invitee.get(`/api/invitations/${token}`).expect(200);
    expect(preview.body).toMatchObject({ organizationName: 'Members Test HVAC', email, role: 'admin', existingUser: false });
    const accepted = await invitee.post(`/api/invitations/${token}/accept`, { name: 'Nia Admin', password: STRONG_PASSWORD }).expect(200);
    expect(accepted.body.organizations[0].role).toBe('admin');
    await invitee.get(members(owner.organizationId)).expect(200);

    const again = await (await Client.create(t.http)).post(`/api/invitations/${token}/accept`, { name: 'Someone', password: STRONG_PASSWORD }).expect(410);
    expect(again.body.message).toBe('This invitation has already been used. Sign in instead.');
  });

  it('lets an existing admin of another organization accept with their own password', async () => {
    const other = await signUpOrganization(t.http, { organizationName: 'Other Org' });
    const { token } = await invite(other.email, 'dispatcher');
    const preview = await other.client.get(`/api/invitations/${token}`).expect(200);
    expect(preview.body.existingUser).toBe(true);
    await other.client.post(`/api/invitations/${token}/accept`, { password: 'not-their-password-1' }).expect(401);
    const accepted = await other.client.post(`/api/invitations/${token}/accept`, { password: STRONG_PASSWORD }).expect(200);
    expect(accepted.body.organizations.map((organization: { role: string }) => organization.role).sort()).toEqual(['dispatcher', 'owner']);
  });

  it('requires a name and a strong password from a new admin', async () => {
    const { token } = await invite('nameless@example.test', 'admin');
    const invitee = await Client.create(t.http);
    const noName = await invitee.post(`/api/invitations/${token}/accept`, { password: STRONG_PASSWORD }).expect(400);
    expect(noName.body.details).toEqual([{ field: 'name', code: 'isNotEmpty', message: 'Name is required.' }]);
    await invitee.post(`/api/invitations/${token}/accept`, { name: 'Weak', password: 'qwerty123456' }).expect(400);
    await invitee.get(`/api/invitations/${token}`).expect(200);
  });

  it('refuses an expired invitation and says what to do', async () => {
    const { body, token } = await invite('late@example.test', 'admin');
    await t.owner.query(`UPDATE admin_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [body.id]);
    const res = await (await Client.create(t.http)).get(`/api/invitations/${token}`).expect(410);
    expect(res.body.message).toBe('This invitation has expired. Ask the person who invited you for a new one.');
  });

  it('refuses a revoked invitation and an unknown token alike', async () => {
    const { body, token } = await invite('revoked@example.test', 'admin');
    await owner.client.delete(`${invitations(owner.organizationId)}/${body.id}`).expect(204);
    const invitee = await Client.create(t.http);
    const revoked = await invitee.get(`/api/invitations/${token}`).expect(404);
    const unknown = await invitee.get(`/api/invitations/${'x'.repeat(43)}`).expect(404);
    expect(revoked.body).toEqual(unknown.body);
  });

  it('replaces a pending invitation when the same address is invited again', async () => {
    const first = await invite('twice@example.test', 'dispatcher');
    await invite('twice@example.test', 'admin');
    await (await Client.create(t.http)).get(`/api/invitations/${first.token}`).expect(404);
    const pending = await owner.client.get(invitations(owner.organizationId)).expect(200);
    expect(pending.body.map((invitation: { role: string }) => invitation.role)).toEqual(['admin']);
  });

  it('refuses to invite someone who is already a member', async () => {
    const res = await owner.client.post(invitations(owner.organizationId), { email: owner.email, role: 'admin' }).expect(409);
    expect(res.body.message).toBe(`${owner.email} is already a member of this organization.`);
  });

  it('changes a role and removes a member', async () => {
    const admin = await addMember(t.http, owner, 'admin');
    const changed = await owner.client.patch(`${members(owner.organizationId)}/${admin.adminUserId}`, { role: 'dispatcher' }).expect(200);
    expect(changed.body.role).toBe('dispatcher');
    await owner.client.delete(`${members(owner.organizationId)}/${admin.adminUserId}`).expect(204);
    await admin.client.get(members(owner.organizationId)).expect(404);
  });

  it('does not let a dispatcher change members, invite or change settings', async () => {
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(members(owner.organizationId)).expect(200);
    const invite = await dispatcher.client.post(invitations(owner.organizationId), { email: 'x@example.test', role: 'dispatcher' }).expect(403);
    expect(invite.body.message).toBe('Your role (dispatcher) cannot do this. Ask an owner or an admin.');
    await dispatcher.client.patch(`${members(owner.organizationId)}/${owner.session.user.id}`, { role: 'dispatcher' }).expect(403);
    await dispatcher.client.delete(`${members(owner.organizationId)}/${owner.session.user.id}`).expect(403);
    await dispatcher.client.patch(`/api/environments/${owner.productionId}/portal-settings`, { portalName: 'Nope' }).expect(403);
    await dispatcher.client.get(`/api/environments/${owner.productionId}/portal-settings`).expect(200);
  });

  it('lets only an owner grant or take away the owner role', async () => {
    const admin = await addMember(t.http, owner, 'admin');
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    const grant = await admin.client.patch(`${members(owner.organizationId)}/${dispatcher.adminUserId}`, { role: 'owner' }).expect(403);
    expect(grant.body.code).toBe('ownerRoleRequired');
    await admin.client.post(invitations(owner.organizationId), { email: 'owner2@example.test', role: 'owner' }).expect(403);
    await admin.client.delete(`${members(owner.organizationId)}/${owner.session.user.id}`).expect(403);
    await owner.client.patch(`${members(owner.organizationId)}/${dispatcher.adminUserId}`, { role: 'owner' }).expect(200);
  });

  it('never leaves the organization without an owner', async () => {
    const lastOwner = await owner.client.delete(`${members(owner.organizationId)}/${owner.session.user.id}`).expect(409);
    expect(lastOwner.body.message).toBe('The organization must keep at least one owner. Make someone else an owner first.');
    await owner.client.patch(`${members(owner.organizationId)}/${owner.session.user.id}`, { role: 'admin' }).expect(409);

    const second = await addMember(t.http, owner, 'owner');
    await owner.client.patch(`${members(owner.organizationId)}/${owner.session.user.id}`, { role: 'admin' }).expect(200);
    await second.client.delete(`${members(owner.organizationId)}/${second.adminUserId}`).expect(409);
  });

  it('answers 404 for an unknown member id and 400 for an unknown role', async () => {
    await owner.client.patch(`${members(owner.organizationId)}/00000000-0000-4000-8000-000000000000`, { role: 'admin' }).expect(404);
    await owner.client.patch(`${members(owner.organizationId)}/not-a-uuid`, { role: 'admin' }).expect(404);
    const res = await owner.client.patch(`${members(owner.organizationId)}/${owner.session.user.id}`, { role: 'superuser' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'role', code: 'isIn', message: 'Role must be one of: owner, admin, dispatcher.' }]);
  });
});
