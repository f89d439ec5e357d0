"""Who sees what in chiso's Superset (run by `superset.sh access`, after provisioning; idempotent).

- Database `chiso_lake_drafts`: the reviewers' catalog (serve_sql.py, audience reviewer: drafts
  too), beside the public `chiso_lake` the provisioner makes; same `extra` (read-only, no file access).
- Role `chiso_viewer`: Gamma's permissions (dashboards, charts, explore) and access to `chiso_lake`
  only, the published releases. Role `chiso_reviewer`: the same plus `chiso_lake_drafts`.
- SQL Lab (run SQL, saved queries, query history) is Admin's only: its permissions are taken off
  every other role, built-in ones included (Alpha, Gamma, sql_lab), each time this runs.
- CHISO_SUPERSET_USERS="name:role …" (with CHISO_SUPERSET_USERS_PASSWORD) creates or resets those
  users, e.g. for tests.

  access.py --drafts-uri duckdb:////abs/lake-drafts.duckdb --extra JSON
"""

import argparse
import os
import sys

PUBLIC_DB = "chiso_lake"
DRAFTS_DB = "chiso_lake_drafts"
# View menus of SQL Lab and its saved/past queries, beside Superset's own SQL Lab permission sets.
SQLLAB_VIEWS = {
    "SQL Lab",
    "SQLLab",
    "SqlLab",
    "SQL Editor",
    "Saved Queries",
    "Query Search",
    "SavedQuery",
    "Query",
    "TabStateView",
    "TableSchemaView",
}


def sqllab_permission(security_manager, pv):
    known = set(security_manager.SQLLAB_ONLY_PERMISSIONS)
    return (
        (pv.permission.name, pv.view_menu.name) in known
        or pv.view_menu.name in SQLLAB_VIEWS
        or pv.permission.name in {"can_sqllab", "can_sqllab_history", "can_execute_sql_query"}
    )


def drafts_database(db, security_manager, uri, extra):
    from superset.models.core import Database

    d = db.session.query(Database).filter_by(database_name=DRAFTS_DB).one_or_none()
    if d is None:
        d = Database(database_name=DRAFTS_DB)
        db.session.add(d)
    d.sqlalchemy_uri = uri
    d.extra = extra
    d.expose_in_sqllab = True  # for Admin, the only role with SQL Lab
    d.allow_dml = False
    d.allow_run_async = False
    db.session.commit()
    security_manager.add_permission_view_menu("database_access", d.perm)
    return d


def database_access(db, security_manager, name):
    from superset.models.core import Database

    d = db.session.query(Database).filter_by(database_name=name).one_or_none()
    if d is None:
        return []
    pv = security_manager.find_permission_view_menu(
        "database_access", d.perm
    ) or security_manager.add_permission_view_menu("database_access", d.perm)
    return [pv]


def roles(db, security_manager):
    gamma = [
        pv for pv in security_manager.find_role("Gamma").permissions if not sqllab_permission(security_manager, pv)
    ]
    for name, databases in (("chiso_viewer", [PUBLIC_DB]), ("chiso_reviewer", [PUBLIC_DB, DRAFTS_DB])):
        role = security_manager.find_role(name) or security_manager.add_role(name)
        perms = list(gamma)
        for d in databases:
            perms += database_access(db, security_manager, d)
        role.permissions = perms
    stripped = 0
    for role in security_manager.get_all_roles():
        if role.name == "Admin":
            continue
        keep = [pv for pv in role.permissions if not sqllab_permission(security_manager, pv)]
        stripped += len(role.permissions) - len(keep)
        role.permissions = keep
    db.session.commit()
    print(f"roles chiso_viewer, chiso_reviewer set; {stripped} SQL Lab permission(s) taken off non-Admin roles")


def users(security_manager, spec, password):
    for item in spec.split():
        name, _, role_name = item.partition(":")
        role = security_manager.find_role(role_name)
        if role is None:
            sys.exit(f"no role {role_name} for user {name}")
        user = security_manager.find_user(username=name)
        if user is None:
            security_manager.add_user(name, name, "Test", f"{name}@localhost", [role], password=password)
        else:
            user.roles = [role]
            security_manager.update_user(user)
            security_manager.reset_password(user.id, password)
        print(f"user {name}: role {role_name}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--drafts-uri", required=True)
    p.add_argument("--extra", required=True)
    a = p.parse_args()
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import db, security_manager

        drafts_database(db, security_manager, a.drafts_uri, a.extra)
        roles(db, security_manager)
        spec = os.environ.get("CHISO_SUPERSET_USERS", "").strip()
        if spec:
            users(security_manager, spec, os.environ["CHISO_SUPERSET_USERS_PASSWORD"])


if __name__ == "__main__":
    main()
