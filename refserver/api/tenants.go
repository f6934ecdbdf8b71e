package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan/refserver/store"
)

// MintedKey is a new API key with its secret, shown this once.
type MintedKey struct {
	store.Key
	Token string `json:"token" doc:"The secret to send as Authorization: Bearer <token>. It is not stored and cannot be shown again."`
}

// NewTenant is a tenant just created with its first admin key.
type NewTenant struct {
	Tenant   store.Tenant `json:"tenant"`
	AdminKey MintedKey    `json:"adminKey"`
}

func (s *Server) registerTenants() {
	type health struct {
		Body struct {
			Status   string `json:"status" example:"ok"`
			Database string `json:"database" example:"sqlite"`
		}
	}
	register(s, op{ID: "health", Method: http.MethodGet, Path: "/healthz", Summary: "Health check", Tags: []string{"System"}},
		func(ctx context.Context, _ store.Key, _ *struct{}) (*health, error) {
			if err := s.db.SQL().PingContext(ctx); err != nil {
				return nil, err
			}
			out := &health{}
			out.Body.Status = "ok"
			out.Body.Database = s.db.Dialect().String()
			return out, nil
		})

	type tenantOut struct{ Body store.Tenant }
	register(s, op{ID: "get-tenant", Method: http.MethodGet, Path: "/tenant", Summary: "The caller's tenant", Tags: []string{"Tenants"}, Role: store.RoleViewer},
		func(ctx context.Context, k store.Key, _ *struct{}) (*tenantOut, error) {
			t, err := s.db.GetTenant(ctx, k.Tenant)
			if err != nil {
				return nil, err
			}
			return &tenantOut{Body: t}, nil
		})

	type createTenant struct {
		IdempotencyHeader
		Body struct {
			ID   string `json:"id" pattern:"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$" example:"acme"`
			Name string `json:"name" maxLength:"200" example:"Acme Construction"`
		}
	}
	type newTenantOut struct {
		Body NewTenant
	}
	register(s, op{ID: "create-tenant", Method: http.MethodPost, Path: "/tenants", Summary: "Create a tenant with its first admin key",
		Description: "Only admins of an operator tenant (the server's first tenant) may create tenants.",
		Tags:        []string{"Tenants"}, Role: store.RoleAdmin, Status: http.StatusCreated, Errors: []int{409, 422}},
		func(ctx context.Context, k store.Key, in *createTenant) (*newTenantOut, error) {
			own, err := s.db.GetTenant(ctx, k.Tenant)
			if err != nil {
				return nil, err
			}
			if !own.Operator {
				return nil, huma.Error403Forbidden("only an operator tenant's admins may create tenants")
			}
			t, err := s.db.CreateTenant(ctx, in.Body.ID, in.Body.Name)
			if err != nil {
				return nil, err
			}
			key, token, err := s.db.MintKey(ctx, t.ID, "first admin", store.RoleAdmin)
			if err != nil {
				return nil, err
			}
			return &newTenantOut{Body: NewTenant{Tenant: t, AdminKey: MintedKey{Key: key, Token: token}}}, nil
		})

	type keyList struct {
		Body struct {
			Items []store.Key `json:"items"`
		}
	}
	register(s, op{ID: "list-keys", Method: http.MethodGet, Path: "/keys", Summary: "List the tenant's API keys (never their secrets)", Tags: []string{"Tenants"}, Role: store.RoleAdmin},
		func(ctx context.Context, k store.Key, _ *struct{}) (*keyList, error) {
			keys, err := s.db.ListKeys(ctx, k.Tenant)
			if err != nil {
				return nil, err
			}
			out := &keyList{}
			out.Body.Items = keys
			return out, nil
		})

	type mintInput struct {
		IdempotencyHeader
		Body struct {
			Name string     `json:"name" maxLength:"200" example:"site office tablet"`
			Role store.Role `json:"role" enum:"viewer,editor,admin" example:"editor"`
		}
	}
	type mintOut struct{ Body MintedKey }
	register(s, op{ID: "mint-key", Method: http.MethodPost, Path: "/keys", Summary: "Mint an API key", Description: "The response holds the key's secret, shown this once.",
		Tags: []string{"Tenants"}, Role: store.RoleAdmin, Status: http.StatusCreated, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *mintInput) (*mintOut, error) {
			key, token, err := s.db.MintKey(ctx, k.Tenant, in.Body.Name, in.Body.Role)
			if err != nil {
				return nil, err
			}
			return &mintOut{Body: MintedKey{Key: key, Token: token}}, nil
		})

	type revokeInput struct {
		Key string `path:"key" doc:"The key's id (not its secret)." example:"k1a2b3c4d5e6f"`
	}
	register(s, op{ID: "revoke-key", Method: http.MethodDelete, Path: "/keys/{key}", Summary: "Revoke an API key", Tags: []string{"Tenants"}, Role: store.RoleAdmin, Status: http.StatusNoContent, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *revokeInput) (*struct{}, error) {
			if err := s.db.RevokeKey(ctx, k.Tenant, in.Key); err != nil {
				return nil, err
			}
			s.keys.forget(in.Key)
			return nil, nil
		})
}
