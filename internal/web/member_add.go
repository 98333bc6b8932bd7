package web

import (
	"net/http"
	"strings"

	"github.com/glossia/glossia"
)

// MemberAdd serves POST /organizations/{org}/members: it adds a user by
// handle with a role (or changes the role of an existing member).
func (h *Handler) MemberAdd(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.memberAdd) }

func (h *Handler) memberAdd(w http.ResponseWriter, r *http.Request, v *visit) error {
	org := r.PathValue("org")
	// Resolve the organization first, so that a not-found below is the user.
	if _, err := h.d.Services.Organizations.FindOrganization(v.ctx, org); err != nil {
		return err
	}
	handle := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r.PostForm.Get("handle")), "@"))
	role := r.PostForm.Get("role")
	_, err := h.d.Services.Members.SetMember(v.ctx, org, handle, glossia.Role(role))
	code := glossia.ErrorCode(err)
	switch code {
	case "":
		http.Redirect(w, r, "/organizations/"+org+"?notice=member-added", http.StatusSeeOther)
		return nil
	case glossia.ENOTFOUND, glossia.EINVALID, glossia.ECONFLICT:
	default:
		return err
	}
	return h.orgError(w, r, v, formStatus(code), func(p *orgPage) {
		p.AddHandle, p.AddRole = handle, role
		switch code {
		case glossia.ENOTFOUND:
			p.Errors["handle"] = []string{"No user has the handle “" + handle + "”."}
			if handle == "" {
				p.Errors["handle"] = []string{"Enter the handle of the person to add."}
			}
		case glossia.EINVALID:
			p.Errors, p.Error = fieldMessages(err)
			if msgs, ok := p.Errors["user"]; ok {
				p.Errors["handle"] = append(p.Errors["handle"], msgs...)
			}
		default:
			p.Error = message(err)
		}
	})
}

// MemberUpdate serves POST /organizations/{org}/members/{user}: it changes
// a member's role. Demoting the last admin is refused with a message.
func (h *Handler) MemberUpdate(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.memberUpdate) }

func (h *Handler) memberUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	org, user := r.PathValue("org"), r.PathValue("user")
	_, err := h.d.Services.Members.SetMember(v.ctx, org, user, glossia.Role(r.PostForm.Get("role")))
	switch code := glossia.ErrorCode(err); code {
	case "":
		http.Redirect(w, r, "/organizations/"+org+"?notice=member-updated", http.StatusSeeOther)
		return nil
	case glossia.EINVALID, glossia.ECONFLICT:
		return h.orgError(w, r, v, formStatus(code), func(p *orgPage) { p.Error = message(err) })
	}
	return err
}

// MemberRemove serves POST /organizations/{org}/members/{user}/remove: an
// admin removes a member, or a member leaves. Removing the last admin is
// refused with a message.
func (h *Handler) MemberRemove(w http.ResponseWriter, r *http.Request) { h.app(w, r, h.memberRemove) }

func (h *Handler) memberRemove(w http.ResponseWriter, r *http.Request, v *visit) error {
	org, user := r.PathValue("org"), r.PathValue("user")
	self := user == v.user.Handle
	if !confirmed(r) {
		p := confirmPage{
			Heading: "Remove " + user + " from " + org + "?",
			Message: "They lose access to the organization's private projects and voice.",
			Action:  r.URL.Path, Button: "Remove member", Cancel: "/organizations/" + org,
		}
		if self {
			p.Heading, p.Message, p.Button = "Leave "+org+"?", "You lose access to the organization's private projects and voice.", "Leave organization"
		}
		h.confirm(w, r, v, "organizations", p)
		return nil
	}
	err := h.d.Services.Members.RemoveMember(v.ctx, org, user)
	switch code := glossia.ErrorCode(err); code {
	case "":
		if self {
			http.Redirect(w, r, "/organizations?notice=left", http.StatusSeeOther)
		} else {
			http.Redirect(w, r, "/organizations/"+org+"?notice=member-removed", http.StatusSeeOther)
		}
		return nil
	case glossia.ECONFLICT:
		return h.orgError(w, r, v, http.StatusConflict, func(p *orgPage) { p.Error = message(err) })
	}
	return err
}
