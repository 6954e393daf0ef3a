package staff_test

import "github.com/distribu/distribu/internal/customer"

func customerContact(email string) customer.ContactInput {
	return customer.ContactInput{Email: email, Role: "BUYER"}
}
