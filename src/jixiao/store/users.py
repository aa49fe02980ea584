"""People and scripts: argon2 password hashes, bearer tokens (only their SHA-256 kept)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store.repository import Invalid, NotFound, _audit
from jixiao.store.schema import ROLES, ApiToken, User

_hasher = PasswordHasher()
ROLE_LABELS = {"admin": "管理员", "reviewer": "审核人员", "editor": "填报人员"}


def add_user(session: Session, name: str, role: str, unit: str | None = None,
             password: str | None = None, actor: User | None = None) -> User:
    name = name.strip()
    if not name or len(name) > 100:
        raise Invalid("用户名不能为空，且不超过 100 个字符")
    if role not in ROLES:
        raise Invalid(f"角色须为 {'、'.join(ROLES)} 之一")
    if role == "editor" and not unit:
        raise Invalid("填报人员（editor）须指定所属单位 --unit")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Invalid(f"用户“{name}”已存在")
    user = User(name=name, role=role, unit=unit or None,
                password_hash=_hasher.hash(password) if password else None)
    session.add(user)
    session.flush()
    _audit(session, actor, "add", "user", user.id, None, {"name": name, "role": role, "unit": unit})
    return user


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"用户“{name}”不存在")
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.name == name))
    if user is None or not user.password_hash:
        _hasher.hash(password)    # same work either way: no user enumeration by timing
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(session: Session, name: str) -> str:
    """A new bearer token for a user, shown once."""
    user = get_user(session, name)
    token = "jx_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_sha256=_digest(token)))
    _audit(session, None, "token", "user", user.id, None, {"name": name})
    return token


def user_for_token(session: Session, token: str) -> User | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    return row.user if row else None
