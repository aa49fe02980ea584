"""People and scripts: argon2 password hashes, a password policy, session versions, bearer tokens.

A password is checked by zxcvbn (Dropbox's maintained strength estimator), not a home-made
list. A user's ``session_version`` is bumped by logout, a new password or disabling, which
ends every session cookie that quotes an older one. A token expires and can be revoked;
only its SHA-256 is kept.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.limits import current
from jixiao.store.repository import Invalid, NotFound, _audit
from jixiao.store.schema import ROLES, ApiToken, User, now

_hasher = PasswordHasher()
ROLE_LABELS = {"admin": "管理员", "reviewer": "审核人员", "editor": "填报人员"}


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """What a password must be: long enough, and not guessable (zxcvbn score 0–4)."""

    min_length: int = 8
    max_length: int = 500
    min_score: int = 3


POLICY = PasswordPolicy()


def check_password(password: str, user_inputs: tuple[str, ...] = (), policy: PasswordPolicy = POLICY) -> None:
    """Refuse a password that is short or easily guessed (``Invalid`` with a Chinese message)."""
    if len(password) < policy.min_length:
        raise Invalid(f"密码至少 {policy.min_length} 个字符")
    if len(password) > policy.max_length:
        raise Invalid(f"密码不能超过 {policy.max_length} 个字符")
    from zxcvbn import zxcvbn

    score = int(zxcvbn(password[:100], user_inputs=[x for x in user_inputs if x])["score"])
    if score < policy.min_score:
        raise Invalid(f"密码太容易被猜到（强度 {score}/4，至少需要 {policy.min_score}）："
                      "请避免常见密码、用户名、单位名称和键盘顺序，改用更长、不常见的词语组合")


def add_user(session: Session, name: str, role: str, unit: str | None = None,
             password: str | None = None, actor: User | None = None) -> User:
    name = name.strip()
    if not name or len(name) > 100:
        raise Invalid("用户名不能为空，且不超过 100 个字符")
    if role not in ROLES:
        raise Invalid(f"角色须为 {'、'.join(ROLES)} 之一")
    if role == "editor" and not unit:
        raise Invalid("填报人员（editor）须指定所属单位 --unit")
    if unit is not None and len(unit) > 200:
        raise Invalid("单位名称不超过 200 个字符")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Invalid(f"用户“{name}”已存在")
    if password:
        check_password(password, (name, unit or ""))
    user = User(name=name, role=role, unit=unit or None, session_version=1, disabled=False,
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
    if user is None or not user.password_hash or user.disabled:
        _hasher.hash(password)    # same work either way: no user enumeration by timing
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def end_sessions(session: Session, user: User) -> None:
    """Every session cookie of ``user`` stops working (logout, new password, disabled)."""
    user.session_version = (user.session_version or 1) + 1
    session.flush()


def set_password(session: Session, name: str, password: str, actor: User | None = None) -> User:
    """A new password, checked by the policy; the user's sessions end."""
    user = get_user(session, name)
    check_password(password, (user.name, user.unit or ""))
    user.password_hash = _hasher.hash(password)
    end_sessions(session, user)
    _audit(session, actor, "password", "user", user.id, None, {"name": name})
    return user


def set_disabled(session: Session, name: str, disabled: bool, actor: User | None = None) -> User:
    """Disable (or enable again) a user: sessions end and tokens stop working while disabled."""
    user = get_user(session, name)
    before = user.disabled
    user.disabled = disabled
    end_sessions(session, user)
    _audit(session, actor, "disable" if disabled else "enable", "user", user.id,
           {"disabled": before}, {"disabled": disabled})
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(session: Session, name: str, days: float | None = None, label: str | None = None) -> str:
    """A new bearer token for a user, shown once; it expires after ``days`` (``Limits.token_days``)."""
    user = get_user(session, name)
    days = current().token_days if days is None else days
    if not 0 < days <= 3660:
        raise Invalid("令牌有效天数须在 0 到 3660 之间")
    token = "jx_" + secrets.token_urlsafe(32)
    expires = now() + timedelta(days=days)
    row = ApiToken(user_id=user.id, token_sha256=_digest(token), label=(label or "").strip()[:100] or None,
                   expires_at=expires)
    session.add(row)
    session.flush()
    _audit(session, None, "token", "user", user.id, None,
           {"name": name, "token": row.id, "expires_at": expires.isoformat()})
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The user of a live token: not expired, not revoked, the user not disabled."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    if row is None or row.revoked_at is not None or row.user.disabled:
        return None
    moment = now()
    if row.expires_at is not None and row.expires_at <= moment:
        return None
    if row.last_used_at is None or moment - row.last_used_at > timedelta(minutes=5):
        row.last_used_at = moment     # at most one write in five minutes per token
    return row.user


def list_tokens(session: Session, name: str | None = None) -> list[ApiToken]:
    query = select(ApiToken).order_by(ApiToken.id)
    if name:
        query = query.where(ApiToken.user_id == get_user(session, name).id)
    return list(session.scalars(query))


def revoke_token(session: Session, token_id: int, actor: User | None = None) -> ApiToken:
    row = session.get(ApiToken, token_id) if 0 < token_id < 2**31 else None
    if row is None:
        raise NotFound(f"令牌 {token_id} 不存在")
    if row.revoked_at is None:
        row.revoked_at = now()
        _audit(session, actor, "revoke", "user", row.user_id, None, {"token": row.id})
    return row


def list_users(session: Session) -> list[User]:
    """Every user, by name: who may sign in, as what, for which unit."""
    return list(session.scalars(select(User).order_by(User.name)))
