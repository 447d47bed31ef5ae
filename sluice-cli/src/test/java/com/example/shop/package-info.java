/** A stand-in for a user's project code, outside Sluice's packages, for tests of what users see. */
package com.example.shop;
