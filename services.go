package glossia

// Services bundles the service interfaces every surface calls. The store
// implements them on the database, the client over HTTP.
type Services struct {
	Users         UserService
	Accounts      AccountService
	Organizations OrganizationService
	Members       MemberService
	Projects      ProjectService
	Voices        VoiceService
	Tokens        TokenService
}
