/* à venir */
