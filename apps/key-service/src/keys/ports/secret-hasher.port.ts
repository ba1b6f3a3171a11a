/** One-way hashing of key secrets (bcrypt in production). */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
}

export const SECRET_HASHER = 'SECRET_HASHER';
