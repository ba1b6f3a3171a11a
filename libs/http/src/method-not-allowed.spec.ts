import { RouteTable } from './method-not-allowed';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add('/v1/keys', ['GET', 'POST']);
  table.add('/v1/keys/:id', 'GET');
  table.add('/v1/keys/:id', ['PATCH', 'DELETE']);
  table.add('/v1/keys/:id/rotate', 'POST');
  table.add('/dashboard/assets/*', 'GET');

  it('lists the methods of every route whose pattern the path matches, sorted', () => {
    expect(table.allowedMethods('/v1/keys/AbCdEfGh12345678')).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(table.allowedMethods('/v1/keys')).toEqual(['GET', 'POST']);
    expect(table.allowedMethods('/v1/keys/')).toEqual(['GET', 'POST']);
    expect(table.allowedMethods('/v1/keys/0/rotate')).toEqual(['POST']);
    expect(table.allowedMethods('/dashboard/assets/css/app.css')).toEqual(['GET']);
  });

  it('knows no path that no route serves', () => {
    expect(table.allowedMethods('/v1/nothing')).toEqual([]);
    expect(table.allowedMethods('/v1/keys/a/b')).toEqual([]);
    expect(table.allowedMethods('/v1/keysx')).toEqual([]);
  });
});
