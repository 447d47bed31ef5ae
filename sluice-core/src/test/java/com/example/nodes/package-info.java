/** Test fixtures that play the part of a user's code: their frames are not Sluice's. */
package com.example.nodes;
