//! The role table, cell by cell, and the invariants checked over every combination.
//! Each table is one row per decision, one line each, kept from rustfmt so that they
//! read as tables.

use super::*;
use Role::{Admin, Billing, Developer, Owner, Viewer};

const ME: i64 = 1;
const OTHER: i64 = 2;

fn member(user_id: i64, role: Role) -> Member {
    Member { user_id, role }
}

fn decide(actor: Role, action: Action) -> Result<(), Denial> {
    authorize(member(ME, actor), action).map(drop)
}

/// An action's name, the action, and the expected outcome for each role.
type Row = (&'static str, Action, [Result<(), Denial>; 5]);

/// One row per action, one column per actor role (owner, admin, developer, billing,
/// viewer): `Ok` or the denial expected.
#[test]
fn every_role_against_every_action() {
    let no = Err(Denial::NotAllowed);
    let ok = Ok(());
    let change = |target: Role, to: Role, owners: usize| Action::ChangeRole {
        target: member(OTHER, target),
        to,
        owners,
    };
    let remove = |target: Role, owners: usize| Action::RemoveMember {
        target: member(OTHER, target),
        owners,
    };
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("work in the workspace", Action::SwitchTo, [ok, ok, ok, ok, ok]),
        ("view the team", Action::ViewTeam, [ok, ok, ok, ok, ok]),
        ("see the projects", Action::ViewProjects, [ok, ok, ok, ok, ok]),
        ("create a project", Action::CreateProject, [ok, ok, no, no, no]),
        ("set the longest key lifetime", Action::SetKeyLifetime, [ok, no, no, no, no]),
        ("download the access review", Action::ReviewAccess, [ok, ok, no, no, no]),
        ("see prices and invoices", Action::ViewBilling, [ok, no, no, ok, no]),
        ("cancel a subscription or request a refund", Action::ManageBilling, [ok, no, no, ok, no]),
        ("rename the workspace", Action::RenameWorkspace, [ok, no, no, no, no]),
        ("invite an owner", Action::Invite { role: Owner }, [ok, Err(Denial::OwnersOnly), no, no, no]),
        ("invite an admin", Action::Invite { role: Admin }, [ok, ok, no, no, no]),
        ("invite a developer", Action::Invite { role: Developer }, [ok, ok, no, no, no]),
        ("invite billing", Action::Invite { role: Billing }, [ok, ok, no, no, no]),
        ("invite a viewer", Action::Invite { role: Viewer }, [ok, ok, no, no, no]),
        ("revoke an owner invite", Action::ManageInvite { role: Owner }, [ok, Err(Denial::OwnersOnly), no, no, no]),
        ("revoke a viewer invite", Action::ManageInvite { role: Viewer }, [ok, ok, no, no, no]),
        ("make a developer an owner", change(Developer, Owner, 1), [ok, Err(Denial::OwnersOnly), no, no, no]),
        ("make a developer an admin", change(Developer, Admin, 1), [ok, ok, no, no, no]),
        ("make a developer a viewer", change(Developer, Viewer, 1), [ok, ok, no, no, no]),
        ("make an admin a viewer", change(Admin, Viewer, 1), [ok, ok, no, no, no]),
        ("demote one of two owners", change(Owner, Admin, 2), [ok, Err(Denial::OwnersOnly), no, no, no]),
        ("demote the last other owner", change(Owner, Admin, 1), [Err(Denial::LastOwner), Err(Denial::OwnersOnly), no, no, no]),
        ("remove a viewer", remove(Viewer, 1), [ok, ok, no, no, no]),
        ("remove an admin", remove(Admin, 1), [ok, ok, no, no, no]),
        ("remove one of two owners", remove(Owner, 2), [ok, Err(Denial::OwnersOnly), no, no, no]),
        ("remove the only owner", remove(Owner, 1), [Err(Denial::LastOwner), Err(Denial::OwnersOnly), no, no, no]),
    ];
    for (name, action, expected) in table {
        for (actor, want) in Role::ALL.into_iter().zip(expected) {
            assert_eq!(decide(actor, action), want, "{actor} may {name}?");
        }
    }
}

#[test]
fn nobody_changes_their_own_role_or_removes_themselves() {
    for actor in Role::ALL {
        for to in Role::ALL {
            let own = Action::ChangeRole {
                target: member(ME, actor),
                to,
                owners: 3,
            };
            assert!(decide(actor, own).is_err(), "{actor} -> {to}");
        }
        let leave = Action::RemoveMember {
            target: member(ME, actor),
            owners: 3,
        };
        assert!(decide(actor, leave).is_err(), "{actor} removes themselves");
    }
}

/// Every combination of actor, target, new role, self or other, and owner count.
#[test]
fn invariants_hold_for_every_combination() {
    for actor in Role::ALL {
        for role in Role::ALL {
            if decide(actor, Action::Invite { role }).is_ok() {
                assert!(role <= actor, "{actor} invited above their rank");
                assert!(role != Owner || actor == Owner, "only owners invite owners");
            }
        }
        for target_role in Role::ALL {
            for to in Role::ALL {
                for target_id in [ME, OTHER] {
                    for owners in 1..=3 {
                        let target = member(target_id, target_role);
                        if decide(actor, Action::ChangeRole { target, to, owners }).is_ok() {
                            assert!(
                                to <= actor && target_role <= actor,
                                "{actor}: {target_role} -> {to}"
                            );
                            assert!(to != Owner || actor == Owner);
                            assert_ne!(target_id, ME, "changed own role");
                            let owners_after =
                                owners - usize::from(target_role == Owner && to != Owner);
                            assert!(owners_after >= 1, "no owner left");
                        }
                        if decide(actor, Action::RemoveMember { target, owners }).is_ok() {
                            assert!(target_role <= actor);
                            assert_ne!(target_id, ME);
                            assert!(
                                owners - usize::from(target_role == Owner) >= 1,
                                "no owner left"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// What the pages show agrees with what the policy decides, for every combination:
/// the roles offered are those an invite with them would be allowed, and a member is
/// shown as manageable exactly when removing them (with owners to spare) is allowed.
#[test]
fn the_pages_helpers_are_the_decision() {
    for actor in Role::ALL {
        let offered: Vec<Role> = offerable_roles(actor).collect();
        let invitable: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|role| decide(actor, Action::Invite { role: *role }).is_ok())
            .collect();
        assert_eq!(offered, invitable, "{actor}");
        for target in Role::ALL {
            for target_id in [ME, OTHER] {
                let (me, them) = (member(ME, actor), member(target_id, target));
                let removal = Action::RemoveMember {
                    target: them,
                    owners: 2,
                };
                assert_eq!(
                    may_manage_member(me, them),
                    allows(me, removal),
                    "{actor} manages {target} ({target_id})"
                );
            }
        }
    }
    assert_eq!(
        offerable_roles(Admin).collect::<Vec<_>>(),
        [Admin, Developer, Billing, Viewer]
    );
    assert_eq!(offerable_roles(Developer).count(), 0);
}

#[test]
fn a_permit_names_who_did_what() {
    let permit = authorize(member(ME, Owner), Action::RenameWorkspace).expect("owners rename");
    assert_eq!(permit.actor(), member(ME, Owner));
    assert_eq!(permit.action(), Action::RenameWorkspace);
}

/// Every project action against every workspace role, and against nobody.
#[test]
fn project_actions_follow_the_effective_access() {
    use crate::core::access::{GrantRole, ProjectAccess};
    use projects::{ProjectAction, ProjectActor, authorize_project};
    let no = Err(Denial::NotAllowed);
    let ok = Ok(());
    // Columns: owner, admin, developer, billing, viewer.
    #[rustfmt::skip]
    let table = [
        (ProjectAction::View, [ok, ok, ok, ok, ok]),
        (ProjectAction::UseKeys, [ok, ok, ok, no, no]),
        (ProjectAction::ManageKeys, [ok, ok, ok, no, no]),
        (ProjectAction::ManageLicences, [ok, ok, no, no, no]),
        (ProjectAction::ManageProject, [ok, ok, no, no, no]),
        (ProjectAction::ViewMembers, [ok, ok, ok, ok, ok]),
        (ProjectAction::Share, [ok, ok, no, no, no]),
        (ProjectAction::Leave, [no, no, no, no, no]),
        (ProjectAction::SetAccess { target: Viewer, to: Some(GrantRole::Developer), }, [ok, ok, no, no, no]),
        (ProjectAction::SetAccess { target: Billing, to: Some(GrantRole::Developer), }, [ Err(Denial::BillingSeesNoKeys), Err(Denial::BillingSeesNoKeys), no, no, no, ]),
        (ProjectAction::SetAccess { target: Billing, to: Some(GrantRole::Viewer), }, [ok, ok, no, no, no]),
        (ProjectAction::SetAccess { target: Admin, to: None, }, [ Err(Denial::FixedAccess), Err(Denial::FixedAccess), no, no, no, ]),
    ];
    for (action, expected) in table {
        for (role, want) in Role::ALL.into_iter().zip(expected) {
            let actor = ProjectActor {
                access: Some(ProjectAccess::from_workspace_role(role)),
                member: true,
            };
            assert_eq!(
                authorize_project(actor, action).map(drop),
                want,
                "{role} may {action:?}?"
            );
        }
        let nobody = ProjectActor {
            access: None,
            member: false,
        };
        assert_eq!(
            authorize_project(nobody, action).map(drop),
            Err(Denial::Invisible),
            "without access, {action:?} is not even visible"
        );
    }
}

/// A grant lifts a member's access, never above developer, and never lets someone
/// outside the workspace see its members or manage anything; billing members never
/// get a grant that reads keys.
#[test]
fn grants_lift_access_to_developer_at_most() {
    use crate::core::access::{GrantRole, effective_access};
    use projects::{ProjectAction, ProjectActor, authorize_project};
    for role in Role::ALL.map(Some).into_iter().chain([None]) {
        for grant in GrantRole::ALL {
            let actor = ProjectActor {
                access: effective_access(role, Some(grant)),
                member: role.is_some(),
            };
            let may = |action| authorize_project(actor, action).is_ok();
            assert!(may(ProjectAction::View));
            assert_eq!(
                may(ProjectAction::UseKeys),
                (grant == GrantRole::Developer && role != Some(Billing))
                    || matches!(role, Some(Owner | Admin | Developer)),
                "{role:?} with a {grant:?} grant"
            );
            assert_eq!(
                may(ProjectAction::ManageKeys),
                role.is_some() && may(ProjectAction::UseKeys),
                "a recipient reads and rotates keys, never mints or deactivates one"
            );
            assert_eq!(
                may(ProjectAction::ManageLicences),
                matches!(role, Some(Owner | Admin))
            );
            assert_eq!(may(ProjectAction::ViewMembers), role.is_some());
            assert_eq!(
                may(ProjectAction::Share),
                matches!(role, Some(Owner | Admin)),
                "a recipient never shares"
            );
            assert_eq!(
                may(ProjectAction::Leave),
                role.is_none(),
                "a recipient leaves a project; a member leaves the workspace instead"
            );
            let set = ProjectAction::SetAccess {
                target: Viewer,
                to: Some(grant),
            };
            assert_eq!(may(set), matches!(role, Some(Owner | Admin)));
            let to_billing = ProjectAction::SetAccess {
                target: Billing,
                to: Some(grant),
            };
            if may(to_billing) {
                assert_eq!(grant, GrantRole::Viewer, "billing never reads keys");
            }
        }
    }
}

#[test]
fn the_sentence_a_recipient_role_gets_says_what_the_decision_allows() {
    use crate::core::access::GrantRole;
    use projects::{ProjectAction, authorize_project, recipient, what_a_recipient_can_do};
    for role in GrantRole::ALL {
        let sentence = what_a_recipient_can_do(role);
        let reads_keys = authorize_project(recipient(role), ProjectAction::UseKeys).is_ok();
        let mints = authorize_project(recipient(role), ProjectAction::ManageKeys).is_ok();
        assert_eq!(
            sentence.contains("reads and rotates"),
            reads_keys && !mints,
            "{sentence}"
        );
        assert_eq!(
            sentence.contains("never an access key"),
            !reads_keys,
            "{sentence}"
        );
        assert!(sentence.starts_with(&format!("A {} sees", role.as_str())));
    }
    assert!(what_a_recipient_can_do(GrantRole::Viewer).contains("never an access key"));
    assert!(what_a_recipient_can_do(GrantRole::Developer).contains("reads and rotates"));
}
